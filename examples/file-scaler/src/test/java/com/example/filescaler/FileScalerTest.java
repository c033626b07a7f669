package com.example.filescaler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tide.scaler.api.MetricValue;
import dev.tide.scaler.api.Scaler;
import dev.tide.scaler.api.ScalerConfigException;
import dev.tide.scaler.api.ScalerException;
import dev.tide.scaler.api.ScalerSample;
import dev.tide.scaler.api.TriggerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileScalerTest {

    @TempDir
    Path dir;

    @Test
    void theValueIsTheNumberInTheFile() throws IOException {
        Path file = Files.writeString(dir.resolve("queue.length"), "12\n");
        try (Scaler scaler = new FileScalerFactory().create(trigger(file))) {
            String metricName = scaler.metricSpecs().get(0).metricName();

            assertThat(metricName).isEqualTo("s1-file-queue-length");
            assertThat(scaler.sample(metricName)).isEqualTo(ScalerSample.of(MetricValue.of(metricName, 12), true));
        }
    }

    @Test
    void aFileThatHoldsNoNumberIsAnErrorNotAZero() throws IOException {
        Path file = Files.writeString(dir.resolve("queue.length"), "twelve");
        try (Scaler scaler = new FileScalerFactory().create(trigger(file))) {
            assertThatThrownBy(() -> scaler.sample(scaler.metricSpecs().get(0).metricName()))
                    .isInstanceOf(ScalerException.class)
                    .hasMessage("trigger[1] (file): " + file + " does not hold a number");
        }
    }

    @Test
    void aMissingTargetValueIsRefusedNamingTheTrigger() {
        assertThatThrownBy(() -> new FileScalerFactory().create(TriggerConfig.of("file", 1, Map.of("path", "x"))))
                .isInstanceOf(ScalerConfigException.class)
                .hasMessageContaining("trigger[1] (file)")
                .hasMessageContaining("targetValue");
    }

    private static TriggerConfig trigger(Path file) {
        return TriggerConfig.of("file", 1, Map.of("path", file.toString(), "targetValue", "5"));
    }
}
