package dev.tide.lint;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built jar and the wrapper script, as a CI step runs them: a separate JVM, the built-in scalers found through
 * the shaded jar's merged service files, output and exit codes.
 */
class TideLintJarIT {

    private static final Path JAR = Path.of("target", "tide-lint.jar");
    private static final Path WRAPPER = Path.of("..", "bin", "tide");
    private static final String JAVA_HOME = System.getProperty("java.home");

    record Result(int exitCode, String out, String err) {
    }

    private static Result run(List<String> command, Path javaHome) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("JAVA_HOME", javaHome.toString());
        builder.environment().remove("JAVA_OPTS");
        Path out = Files.createTempFile("tide-lint-out", ".txt");
        Path err = Files.createTempFile("tide-lint-err", ".txt");
        try {
            Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("tide lint finished within 60 s").isTrue();
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static Result jar(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(JAVA_HOME, "bin", "java").toString(), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        return run(command, Path.of(JAVA_HOME));
    }

    private static Result wrapper(Path script, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(script.toString()));
        command.addAll(List.of(args));
        return run(command, Path.of(JAVA_HOME));
    }

    @Test
    void theJarFindsTheBuiltInScalersAndReportsTheBadManifests() throws IOException, InterruptedException {
        Result result = jar(LintRun.manifests("bad"));

        assertThat(result.exitCode()).isEqualTo(ExitCode.FINDINGS);
        assertThat(result.out().lines()).contains(LintRun.MANIFESTS.resolve("bad/kafka-typo.yaml") + ":13: error: ScaledObject "
                + "shop/payments: spec.triggers[0] (kafka \"payments-lag\").metadata.consumerGroup: missing required parameter "
                + "\"consumerGroup\" in [triggerMetadata, resolvedEnv]")
                .doesNotContain("no scaler found for type: kafka", "no scaler found for type: azure-queue")
                .last().isEqualTo("10 objects checked in 9 files: 11 errors, 1 warning");
        assertThat(result.err()).isEmpty();
    }

    @Test
    void theJarWritesOneJsonDocumentAndNothingElseOnStandardOutput() throws IOException, InterruptedException {
        Result result = jar("--output", "json", LintRun.manifests("bad"));

        JsonNode report = new ObjectMapper().readTree(result.out());
        assertThat(report.path("findings").size()).isEqualTo(12);
        assertThat(report.path("summary").path("errors").asInt()).isEqualTo(11);
        assertThat(result.exitCode()).isEqualTo(ExitCode.FINDINGS);
    }

    @Test
    void theJarExitsWithZeroOnGoodManifestsAndTwoOnAPathThatDoesNotExist() throws IOException, InterruptedException {
        assertThat(jar(LintRun.manifests("good")).exitCode()).isEqualTo(ExitCode.CLEAN);
        Result missing = jar("no-such-manifests");
        assertThat(missing.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(missing.err()).startsWith("tide lint: cannot read no-such-manifests: no such file or directory");
    }

    @Test
    void binTideLintRunsTheJarTwiceTheSecondTimeFromItsClassDataArchive() throws IOException, InterruptedException {
        Result first = wrapper(WRAPPER, "lint", LintRun.manifests("good"));
        Result second = wrapper(WRAPPER, "lint", "--strict", LintRun.manifests("warnings"));

        assertThat(first.exitCode()).isEqualTo(ExitCode.CLEAN);
        assertThat(first.out()).isEqualTo("4 objects checked in 3 files: 0 errors, 0 warnings\n");
        assertThat(first.err()).isEmpty();
        assertThat(second.exitCode()).isEqualTo(ExitCode.FINDINGS);
        assertThat(second.out()).endsWith("1 object checked in 1 file: 0 errors, 1 warning\n");
        assertThat(second.err()).isEmpty();
        try (var files = Files.list(Path.of("target"))) {
            assertThat(files.filter(file -> file.getFileName().toString().endsWith(".jsa")))
                    .anySatisfy(archive -> assertThat(Files.getLastModifiedTime(archive)).isGreaterThanOrEqualTo(Files.getLastModifiedTime(JAR)));
        }
    }

    @Test
    void binTideWithoutTheJarSaysHowToBuildIt(@TempDir Path checkout) throws IOException, InterruptedException {
        Path script = Files.createDirectories(checkout.resolve("bin")).resolve("tide");
        Files.copy(WRAPPER, script);
        script.toFile().setExecutable(true);

        Result result = wrapper(script, "lint", ".");

        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(result.err()).contains("tide-lint/target/tide-lint.jar is missing: build it with "
                + "./mvnw -B -pl tide-lint -am package -DskipTests");
    }

    @Test
    void binTideKnowsOnlyTheLintCommand() throws IOException, InterruptedException {
        Result result = wrapper(WRAPPER, "apply", ".");

        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(result.err()).startsWith("tide: unknown command \"apply\"");
    }
}
