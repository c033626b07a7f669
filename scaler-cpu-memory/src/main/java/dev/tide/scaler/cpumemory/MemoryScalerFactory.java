package dev.tide.scaler.cpumemory;

/** {@code type: memory}: the pods' memory usage, read by the HPA from the metrics server. */
public final class MemoryScalerFactory extends ResourceScalerFactory {

    public MemoryScalerFactory() {
        super("memory");
    }
}
