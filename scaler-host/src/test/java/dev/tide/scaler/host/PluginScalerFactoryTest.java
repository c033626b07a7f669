package dev.tide.scaler.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tide.scaler.api.MetricSpec;
import dev.tide.scaler.api.MetricTargetType;
import dev.tide.scaler.api.MetricValue;
import dev.tide.scaler.api.MilliValue;
import dev.tide.scaler.api.Scaler;
import dev.tide.scaler.api.ScalerFactory;
import dev.tide.scaler.api.ScalerSample;
import dev.tide.scaler.api.TriggerConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

class PluginScalerFactoryTest {

    /** A plugin whose scalers claim to answer from memory. */
    private static final class ClaimingFactory implements ScalerFactory {
        @Override
        public String type() {
            return "claiming";
        }

        @Override
        public List<Class<? extends Record>> parameterTypes() {
            return List.of();
        }

        @Override
        public Scaler create(TriggerConfig config) {
            MetricSpec spec = new MetricSpec("s0-claiming", MetricTargetType.AVERAGE_VALUE, MilliValue.ofWhole(1));
            return new Scaler() {
                @Override
                public List<MetricSpec> metricSpecs() {
                    return List.of(spec);
                }

                @Override
                public ScalerSample sample(String metricName) {
                    return ScalerSample.of(new MetricValue(metricName, MilliValue.ofWhole(2)), true);
                }

                @Override
                public boolean answersFromMemory() {
                    return true;
                }

                @Override
                public void close() {
                }
            };
        }
    }

    @Test
    void aScalerFromThePluginsFolderIsNeverReadOnALoopThreadWhateverItClaims() {
        ScalerFactory plugin = new PluginScalerFactory(new ClaimingFactory(), getClass().getClassLoader());
        Scaler scaler = plugin.create(TriggerConfig.builder("claiming").build());

        assertThat(scaler.answersFromMemory()).isFalse();
        assertThat(scaler.sample("s0-claiming").values()).extracting(MetricValue::value).containsExactly(MilliValue.ofWhole(2));
    }
}
