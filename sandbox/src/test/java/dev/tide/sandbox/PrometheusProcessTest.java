package dev.tide.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PrometheusProcessTest {

    @Test
    void aMissingBinaryFailsTheScenarioNamingTheInstallCommand() {
        assertThatThrownBy(() -> PrometheusProcess.binary("target/no-such-folder"))
                .isInstanceOf(SandboxException.class)
                .hasMessage("the prometheus binary is not on the PATH; --scenario combined runs a real Prometheus: "
                        + "install it with apt-get install prometheus");
    }

    @Test
    void exportsTheProducersCountAsACounter() {
        assertThat(PrometheusProcess.exposition(1500)).isEqualTo("""
                # HELP sandbox_produced_messages_total Messages the sandbox's producer has sent.
                # TYPE sandbox_produced_messages_total counter
                sandbox_produced_messages_total 1500
                """);
    }
}
