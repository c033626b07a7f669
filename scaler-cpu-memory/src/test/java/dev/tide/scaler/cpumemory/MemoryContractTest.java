package dev.tide.scaler.cpumemory;

import dev.tide.scaler.api.ScalerFactory;

/** The test kit's contract for {@code memory}: see {@link ResourceContract}. */
class MemoryContractTest extends ResourceContract {

    @Override
    protected ScalerFactory factory() {
        return new MemoryScalerFactory();
    }
}
