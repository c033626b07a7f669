package dev.tide.controller.jobs;

import dev.tide.controller.sources.ScalerCache;

/**
 * The scalers of ScaledJobs, in a cache of their own: the cache is keyed by namespace and name, and a ScaledJob may
 * share both with a ScaledObject.
 */
public record JobScalers(ScalerCache cache) implements AutoCloseable {

    @Override
    public void close() {
        cache.close();
    }
}
