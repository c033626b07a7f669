package dev.tide.scaler.cpumemory;

import dev.tide.scaler.api.MetricTargetType;
import dev.tide.scaler.api.TriggerConfig;
import dev.tide.scaler.testkit.ScalerContractTest;
import java.util.Map;

/**
 * The plugin contract of the test kit for {@code cpu} and {@code memory}. Neither builds a scaler (the HPA reads the
 * pods' usage from the metrics server), so the close and unreachable-source tests check that claim: the trigger is
 * accepted, and {@code create} refuses it by name.
 */
abstract class ResourceContract extends ScalerContractTest {

    @Override
    protected TriggerConfig sampleTrigger() {
        return TriggerConfig.builder(factory().type()).metricType(MetricTargetType.UTILIZATION)
                .metadata(Map.of("value", "60")).build();
    }

    @Override
    protected boolean buildsNoScaler() {
        return true;
    }
}
