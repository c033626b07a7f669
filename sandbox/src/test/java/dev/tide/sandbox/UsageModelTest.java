package dev.tide.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tide.scaler.api.MilliValue;
import io.fabric8.kubernetes.api.model.Quantity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UsageModelTest {

    @ParameterizedTest(name = "{0} of {1} msg/s: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            # processed per s | capacity per s | cpu
            0                 | 50             | 5m
            25                | 50             | 53m
            50                | 50             | 100m
            80                | 50             | 100m
            10                | 40             | 29m
            """)
    void aPodUsesItsIdleCpuPlusTheBusyCpuInProportionToTheShareOfItsRateItUsed(double processed, double capacity,
            String cpu) {
        assertThat(UsageModel.SANDBOX.cpu(processed, capacity)).isEqualTo(MilliValue.parse(cpu));
    }

    @Test
    void theDeploymentsContainerRequestsWhatTheHpaMeasuresUtilizationAgainst() {
        assertThat(UsageModel.requests().getRequests())
                .containsEntry("cpu", new Quantity("100m"))
                .containsEntry("memory", new Quantity("128Mi"));
        assertThat(UsageModel.SANDBOX.memory()).isEqualTo(MilliValue.parse("64Mi"));
    }
}
