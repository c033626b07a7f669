package dev.tide.architecture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The rules never pass by reading nothing: a module that was not built fails the import, naming the module. */
class TideRepositoryTest {

    @TempDir
    Path root;

    @Test
    void failsNamingTheModuleWhoseClassFolderIsMissing() {
        assertThatThrownBy(() -> TideRepository.productionClasses(root, List.of("controller-service")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("No compiled classes in " + root.resolve("controller-service/target/classes")
                        + ": the architecture rules read module controller-service from there. Build it first: "
                        + "./mvnw -B install -DskipTests (or run ./mvnw -B verify from the repository root, which "
                        + "builds it before this module)");
    }

    @Test
    void failsWhenAClassFolderHoldsNoClasses() throws IOException {
        Files.createDirectories(root.resolve("sandbox/target/classes/dev/tide/sandbox"));

        assertThatThrownBy(() -> TideRepository.productionClasses(root, List.of("sandbox")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("No compiled classes in " + root.resolve("sandbox/target/classes"));
    }
}
