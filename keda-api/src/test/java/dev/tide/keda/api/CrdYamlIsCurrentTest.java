package dev.tide.keda.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** helm/tide/files/crds/ is generated from the Java types; this fails when it is stale and says how to regenerate it. */
class CrdYamlIsCurrentTest {

    @Test
    void checkedInCrdYamlMatchesTheJavaTypes() throws IOException {
        Map<String, String> generated = GeneratedCrds.generate();
        if (Boolean.getBoolean("tide.crds.update")) {
            Files.createDirectories(GeneratedCrds.CHART_CRDS);
            try (Stream<Path> old = Files.list(GeneratedCrds.CHART_CRDS)) {
                for (Path file : old.toList()) {
                    Files.delete(file);
                }
            }
            for (var file : generated.entrySet()) {
                Files.writeString(GeneratedCrds.CHART_CRDS.resolve(file.getKey()), file.getValue(), StandardCharsets.UTF_8);
            }
        }

        assertThat(generated).containsOnlyKeys(
                "scaledjobs.keda.sh-v1.yml",
                "scaledobjects.keda.sh-v1.yml",
                "triggerauthentications.keda.sh-v1.yml",
                "clustertriggerauthentications.keda.sh-v1.yml");
        try (Stream<Path> checkedIn = Files.list(GeneratedCrds.CHART_CRDS)) {
            assertThat(checkedIn.map(p -> p.getFileName().toString()))
                    .as("helm/tide/files/crds/ holds other files than the generated CRDs; regenerate with: " + GeneratedCrds.REGENERATE)
                    .containsExactlyInAnyOrderElementsOf(generated.keySet());
        }
        for (var file : generated.entrySet()) {
            assertThat(Files.readString(GeneratedCrds.CHART_CRDS.resolve(file.getKey()), StandardCharsets.UTF_8))
                    .as(file.getKey() + " is stale; regenerate with: " + GeneratedCrds.REGENERATE)
                    .isEqualTo(file.getValue());
        }
    }
}
