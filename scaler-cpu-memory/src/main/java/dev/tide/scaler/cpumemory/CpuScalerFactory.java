package dev.tide.scaler.cpumemory;

/** {@code type: cpu}: the pods' CPU usage, read by the HPA from the metrics server. */
public final class CpuScalerFactory extends ResourceScalerFactory {

    public CpuScalerFactory() {
        super("cpu");
    }
}
