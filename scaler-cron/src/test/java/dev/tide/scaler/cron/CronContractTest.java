package dev.tide.scaler.cron;

import dev.tide.scaler.api.ScalerFactory;
import dev.tide.scaler.api.TriggerConfig;
import dev.tide.scaler.testkit.ScalerContractTest;

/** The plugin contract of the test kit; cron reads no external source, so its unreachable-source test checks that its sample trigger reads without one. */
class CronContractTest extends ScalerContractTest {

    @Override
    protected ScalerFactory factory() {
        return new CronScalerFactory();
    }

    @Override
    protected TriggerConfig sampleTrigger() {
        return CronTriggers.window("0 8 * * *", "0 18 * * *", "Europe/Berlin");
    }
}
