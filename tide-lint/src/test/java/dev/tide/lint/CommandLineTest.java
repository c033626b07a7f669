package dev.tide.lint;

import static dev.tide.lint.LintRun.manifests;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tide.scaler.api.ScalerApi;
import dev.tide.scaler.host.TestPlugin;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Options, paths and plugins: what the command accepts, and exit code 2 with a reason for what it does not. */
class CommandLineTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            no path                        |                                      | no path given: name the YAML files or directories to check
            an unknown option              | --fix src                            | unknown option --fix
            an output format it cannot write | --output xml src                   | --output must be text or json, got "xml"
            an option without its value    | src --plugins                        | --plugins needs a value
            a path that does not exist     | src/test/resources/no-such-folder    | cannot read src/test/resources/no-such-folder: no such file or directory
            a plugins folder that does not exist | --plugins no-such-plugins src/test/resources/manifests/good | cannot read plugins folder no-such-plugins: not a directory
            """)
    void aCommandLineItCannotRunWithExitsWithTwoAndSaysWhy(String name, String args, String message) {
        LintRun run = LintRun.of(args == null ? new String[0] : args.trim().split(" +"));

        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("tide lint: " + message + "\n");
    }

    @Test
    void helpPrintsTheUsageAndExitsWithZero() {
        LintRun run = LintRun.of("--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("Usage: tide lint [options] <path>...").contains("--output text|json", "--strict", "--plugins <dir>");
    }

    @Test
    void aFileNamedOnTheCommandLineIsReadWhateverItsExtension(@TempDir Path folder) throws IOException {
        Path file = folder.resolve("rendered.txt");
        Files.copy(Path.of(manifests("bad/min-above-max.yaml")), file);

        LintRun run = LintRun.of(file.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCode.FINDINGS);
        assertThat(run.lines().get(0)).startsWith(file + ":9: error: ScaledObject shop/emails: MinReplicaCount=5");
    }

    @Test
    void aDashReadsStandardInputAsHelmTemplateWouldPipeIt() throws IOException {
        InputStream stdin = System.in;
        try {
            System.setIn(new ByteArrayInputStream(Files.readAllBytes(Path.of(manifests("bad/min-above-max.yaml")))));
            LintRun run = LintRun.of("-");

            assertThat(run.lines()).first().asString().startsWith("-:9: error: ScaledObject shop/emails: MinReplicaCount=5");
        } finally {
            System.setIn(stdin);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a type no scaler serves is refused naming the known types | ibmmq       | queueName: prices | 9  | (ibmmq).type: no scaler found for type: ibmmq (known types: aws-sqs-queue, azure-queue, cpu, cron, external, external-push, kafka, memory, metrics-api, mysql, postgresql, prometheus, rabbitmq, redis, redis-cluster, redis-cluster-streams, redis-sentinel, redis-sentinel-streams, redis-streams)
            a metrics-api trigger is checked by the built-in scaler  | metrics-api | url: http://stats.default.svc/stats;valueLocation: components.*.tasks;targetValue: "8.8" | 10 | (metrics-api).metadata: parameter "valueLocation" value "components.*.tasks" uses GJSON syntax that Tide does not read
            """)
    void aTriggerIsCheckedByTheScalerOfItsType(String what, String type, String metadata, int line, String error,
            @TempDir Path folder) throws IOException {
        Path manifest = scaledObject(folder, type, metadata);

        LintRun run = LintRun.of(manifest.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCode.FINDINGS);
        assertThat(run.lines().get(0)).startsWith(manifest + ":" + line + ": error: ScaledObject default/prices: spec.triggers[0] " + error);
    }

    @Test
    void aPluginFromThePluginsFolderServesItsTriggerType(@TempDir Path folder) throws IOException {
        Path manifest = ibmmqScaledObject(folder);
        Path plugins = folder.resolve("plugins");
        TestPlugin.scaler("ibmmq.jar", "ibmmq").writeTo(plugins);

        LintRun run = LintRun.of("--plugins", plugins.toString(), manifest.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.lines()).containsExactly("1 object checked in 1 file: 0 errors, 0 warnings");
    }

    @Test
    void aPluginThatCannotBeLoadedIsNamedOnStandardErrorAndTheRestIsChecked(@TempDir Path folder) throws IOException {
        Path manifest = ibmmqScaledObject(folder);
        Path plugins = folder.resolve("plugins");
        TestPlugin.scaler("ibmmq.jar", "ibmmq").withManifest(ScalerApi.MANIFEST_ATTRIBUTE, null).writeTo(plugins);

        LintRun run = LintRun.of("--plugins", plugins.toString(), manifest.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCode.FINDINGS);
        assertThat(run.err()).startsWith("tide lint: warning: skipped scaler plugin " + plugins.toAbsolutePath().resolve("ibmmq.jar"))
                .contains("does not declare the scaler SPI version");
        assertThat(run.out()).contains("no scaler found for type: ibmmq");
    }

    /** What a user meets who drops examples/metrics-api-scaler's jar into a stock Tide: the type is served twice. */
    @Test
    void aMetricsApiPluginBesideTheBuiltInScalerStopsLintNamingBoth(@TempDir Path folder) throws IOException {
        Path plugins = folder.resolve("plugins");
        TestPlugin.scaler("metrics-api-scaler.jar", "metrics-api").writeTo(plugins);

        LintRun run = LintRun.of("--plugins", plugins.toString(), ibmmqScaledObject(folder).toString());

        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).startsWith("tide lint: scaler type \"metrics-api\" is provided by both ")
                .contains("metrics-api-scaler.jar");
    }

    private static Path ibmmqScaledObject(Path folder) throws IOException {
        return scaledObject(folder, "ibmmq", "queueName: prices");
    }

    /** A ScaledObject with one trigger; {@code metadata} is {@code key: value} lines separated by {@code ;}. */
    private static Path scaledObject(Path folder, String type, String metadata) throws IOException {
        return Files.writeString(folder.resolve("prices.yaml"), """
                apiVersion: keda.sh/v1alpha1
                kind: ScaledObject
                metadata:
                  name: prices
                spec:
                  scaleTargetRef:
                    name: prices
                  triggers:
                    - type: %s
                      metadata:
                """.formatted(type) + Arrays.stream(metadata.split(";")).map(line -> "            " + line.strip() + "\n")
                .collect(Collectors.joining()), StandardCharsets.UTF_8);
    }
}
