package dev.tide.controller;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tide.scaler.api.ScalerFactory;
import dev.tide.scaler.api.params.ParameterReference;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** docs/scalers.md is generated from the built-in scalers' @Param annotations; this keeps it current. */
class ScalerReferenceIsCurrentTest {

    private static final Path REFERENCE = Path.of("..", "docs", "scalers.md");
    private static final String REGENERATE =
            "./mvnw -pl controller-service -am test -Dtest=ScalerReferenceIsCurrentTest -Dsurefire.failIfNoSpecifiedTests=false -Dtide.docs.update=true";

    @Test
    void checkedInScalerReferenceMatchesTheBuiltInScalersAnnotations() throws IOException {
        List<ScalerFactory> builtIns = ServiceLoader.load(ScalerFactory.class).stream().map(ServiceLoader.Provider::get).toList();
        String generated = ParameterReference.markdown(builtIns, REGENERATE);

        if (Boolean.getBoolean("tide.docs.update")) {
            Files.createDirectories(REFERENCE.getParent());
            Files.writeString(REFERENCE, generated, StandardCharsets.UTF_8);
        }

        assertThat(REFERENCE).as("docs/scalers.md is missing or stale; regenerate it with: " + REGENERATE).exists();
        assertThat(Files.readString(REFERENCE, StandardCharsets.UTF_8))
                .as("docs/scalers.md is stale; regenerate it with: " + REGENERATE)
                .isEqualTo(generated);
    }
}
