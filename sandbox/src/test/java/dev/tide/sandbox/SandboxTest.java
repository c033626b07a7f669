package dev.tide.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

class SandboxTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # flags                | scenario  | topics          | built-in ScaledObject
            ''                     | SCALE     | orders          | /scaledobject.yaml
            --scenario scale       | SCALE     | orders          | /scaledobject.yaml
            --scenario modifiers   | MODIFIERS | orders,returns  | /scaledobject-modifiers.yaml
            --scenario=modifiers   | MODIFIERS | orders,returns  | /scaledobject-modifiers.yaml
            --scenario cpu         | CPU       | orders          | /scaledobject-cpu.yaml
            --scenario jobs        | JOBS      | orders          | /scaledjob.yaml
            """)
    void theScenarioFlagPicksTheTopicsAndTheBuiltInScaledObjectOrScaledJob(String flags, ScenarioKind scenario, String topics,
            String resource) {
        Settings settings = Sandbox.settings(flags.isEmpty() ? new String[0] : flags.split(" "));

        assertThat(settings.scenario()).isEqualTo(scenario);
        assertThat(String.join(",", settings.scenario().topicNames())).isEqualTo(topics);
        assertThat(settings.scenario().resource()).isEqualTo(resource);
        assertThat(Sandbox.class.getResource(resource)).as("on the class path").isNotNull();
    }

    @Test
    void anUnknownScenarioIsAUsageErrorNamingTheKnownOnes() {
        assertThatThrownBy(() -> Sandbox.settings("--scenario", "Modifiers"))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessage("Invalid value for option '--scenario': expected one of scale, modifiers, cpu, combined, jobs but was 'Modifiers'");
        assertThat(new CommandLine(new Sandbox()).setErr(new PrintWriter(Writer.nullWriter()))
                .execute("--scenario", "bogus")).isEqualTo(2);
    }

    @Test
    void theJobsScenarioTakesAScaledJobFileAndAJobDuration() {
        Settings settings = Sandbox.settings("--scenario", "jobs", "--scaled-job", "my-job.yaml", "--job-duration", "2s");

        assertThat(settings.scaling().ownYaml()).contains(Path.of("my-job.yaml"));
        assertThat(settings.load().jobDuration()).isEqualTo(Duration.ofSeconds(2));
        assertThat(Sandbox.settings(new String[0]).load().jobDuration()).as("default").isEqualTo(Duration.ofSeconds(5));
        assertThat(Sandbox.settings("--scaled-object", "my-so.yaml").scaling().ownYaml()).contains(Path.of("my-so.yaml"));
    }

    @Test
    void thePluginsFlagNamesTheControllersPluginsFolder() {
        assertThat(Sandbox.settings("--plugins", "my-scaler/target/plugin").plugins())
                .contains(Path.of("my-scaler/target/plugin"));
        assertThat(Sandbox.settings(new String[0]).plugins()).as("default: an empty folder in the run folder").isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # flags                                   | message
            --scenario jobs --scaled-object so.yaml   | --scaled-object is for the scale, modifiers, cpu and combined scenarios: give a ScaledJob with --scaled-job
            --scaled-job sj.yaml                      | --scaled-job needs --scenario jobs
            --scenario modifiers --scaled-job sj.yaml | --scaled-job needs --scenario jobs
            --scenario jobs --reaction-trials 5       | --reaction-trials measures a Deployment's activation: not with --scenario jobs
            --scenario cpu --reaction-trials 5        | --reaction-trials measures a Deployment's activation from 0: not with --scenario cpu, whose minReplicaCount is 1
            --scenario combined --reaction-trials 5   | --reaction-trials measures a Deployment's activation from 0: not with --scenario combined, whose cron trigger holds 2 replicas
            """)
    void aFlagThatDoesNotFitTheScenarioIsAUsageError(String flags, String message) {
        assertThatThrownBy(() -> Sandbox.settings(flags.split(" ")))
                .isInstanceOf(CommandLine.ParameterException.class).hasMessage(message);
        assertThat(new CommandLine(new Sandbox()).setErr(new PrintWriter(Writer.nullWriter()))
                .execute(flags.split(" "))).as("exit code").isEqualTo(2);
    }
}
