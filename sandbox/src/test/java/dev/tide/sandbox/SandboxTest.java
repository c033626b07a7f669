package dev.tide.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.Writer;
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
            """)
    void theScenarioFlagPicksTheTopicsAndTheBuiltInScaledObject(String flags, ScenarioKind scenario, String topics,
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
                .hasMessage("Invalid value for option '--scenario': expected one of scale, modifiers but was 'Modifiers'");
        assertThat(new CommandLine(new Sandbox()).setErr(new PrintWriter(Writer.nullWriter()))
                .execute("--scenario", "bogus")).isEqualTo(2);
    }
}
