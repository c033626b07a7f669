package com.example.filescaler;

import dev.tide.scaler.api.ScalerFactory;
import dev.tide.scaler.api.TriggerConfig;
import dev.tide.scaler.testkit.ScalerContractTest;
import java.util.Map;
import java.util.Optional;

/** Tide's plugin contract, from the test kit: documented parameters, redacted secrets, a clean close, no fake 0. */
class FileScalerContractTest extends ScalerContractTest {

    @Override
    protected ScalerFactory factory() {
        return new FileScalerFactory();
    }

    @Override
    protected TriggerConfig sampleTrigger() {
        return TriggerConfig.of("file", 0, Map.of("path", "target/queue-length", "targetValue", "5"));
    }

    @Override
    protected Optional<TriggerConfig> unreachableTrigger() {
        return Optional.of(TriggerConfig.of("file", 0, Map.of("path", "target/no-such-file", "targetValue", "5")));
    }
}
