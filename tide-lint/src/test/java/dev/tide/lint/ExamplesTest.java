package dev.tide.lint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The repository's own examples, as users apply them. */
class ExamplesTest {

    private static final Path EXAMPLES = Path.of("..", "examples");

    /** Each keda-manifests file is applied on its own (its README says so); hello-keda as a folder. */
    static Stream<Path> examples() throws IOException {
        try (Stream<Path> files = Files.list(EXAMPLES.resolve("keda-manifests"))) {
            return Stream.concat(files.filter(file -> file.toString().endsWith(".yaml")).sorted().toList().stream(),
                    Stream.of(EXAMPLES.resolve("hello-keda")));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void everyExampleHasNoError(Path example) {
        LintRun run = LintRun.of(example.toString());

        assertThat(run.exitCode()).as(run.out()).isZero();
        assertThat(run.err()).isEmpty();
    }

    @Test
    void theOnlyWarningIsTheFunctionsBindingDirectionThatKedaIgnoresToo() {
        LintRun run = LintRun.of(EXAMPLES.toString());

        assertThat(run.lines()).filteredOn(line -> line.contains(": warning: ")).containsExactly(EXAMPLES.resolve("keda-manifests/hello-keda.yaml")
                + ":49: warning: ScaledObject default/hello-keda: spec.triggers[0] (azure-queue).metadata.direction: parameter \"direction\""
                + " is not a parameter of the azure-queue scaler and is ignored");
    }

    /** The whole folder at once, as {@code kubectl apply -f examples/ -R} would send it: no two objects clash. */
    @Test
    void theWholeExamplesFolderHasNoError() {
        LintRun run = LintRun.of(EXAMPLES.toString());

        assertThat(run.exitCode()).as(run.out()).isZero();
        assertThat(run.summary()).isEqualTo("24 objects checked in 15 files: 0 errors, 1 warning");
    }
}
