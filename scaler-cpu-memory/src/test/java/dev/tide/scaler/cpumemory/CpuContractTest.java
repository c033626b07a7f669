package dev.tide.scaler.cpumemory;

import dev.tide.scaler.api.ScalerFactory;

/** The test kit's contract for {@code cpu}: see {@link ResourceContract}. */
class CpuContractTest extends ResourceContract {

    @Override
    protected ScalerFactory factory() {
        return new CpuScalerFactory();
    }
}
