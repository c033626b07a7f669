package dev.tide.lint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A KEDA object that is valid YAML but does not fit the model: an error at the field, in the manifest's terms. */
class UnreadableManifestsTest {

    private static final String SCALED_OBJECT = """
            apiVersion: keda.sh/v1alpha1
            kind: ScaledObject
            metadata:
              name: orders
              labels: LABELS
            spec:
              scaleTargetRef:
                name: orders
              triggers: TRIGGERS
            """;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            labels as a list        | [a]  | []                    | 5 | metadata.labels: cannot be read: expected a map, got a list
            triggers as a string    | {}   | many                  | 9 | spec.triggers: cannot be read: expected a list, got a string
            a trigger as a number   | {}   | [5]                   | 9 | spec.triggers[0]: cannot be read: expected an object, got a number
            metadata value as a list | {}  | '[{type: kafka, metadata: {topic: [a]}}]' | 9 | spec.triggers[0].metadata.topic: cannot be read: expected a string, got a list
            an unknown trigger field | {}  | '[{type: kafka, metadata: {}, metadataa: {}}]' | 9 | spec.triggers[0].metadataa: cannot be read: unknown field (kubectl apply refuses it)
            a metricType KEDA lacks | {}   | '[{type: kafka, metricType: Average, metadata: {}}]' | 9 | spec.triggers[0].metricType: cannot be read: "Average" is not a valid MetricType
            """)
    void anObjectThatDoesNotFitTheModelIsAnErrorAtTheField(String name, String labels, String triggers, int line, String message,
            @TempDir Path folder) throws IOException {
        Path file = Files.writeString(folder.resolve("orders.yaml"),
                SCALED_OBJECT.replace("LABELS", labels).replace("TRIGGERS", triggers), StandardCharsets.UTF_8);

        LintRun run = LintRun.of(file.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCode.FINDINGS);
        assertThat(run.lines()).containsExactly(file + ":" + line + ": error: ScaledObject default/orders: " + message,
                "1 object checked in 1 file: 1 error, 0 warnings");
    }
}
