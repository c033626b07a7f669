package dev.tide.scaler.external;

import dev.tide.scaler.api.Scaler;
import dev.tide.scaler.api.ScalerFactory;
import io.grpc.ManagedChannel;
import java.time.Duration;

/**
 * What {@code dev.tide.benchmarks.ExternalBenchmarks} needs of the scaler's package-private parts. It lives in the
 * benchmarks jar under the scaler's package (one class path, so one runtime package) rather than widening the
 * scaler's API for a harness.
 */
public final class ExternalBenchmarkAccess {

    private ExternalBenchmarkAccess() {
    }

    /** An {@code external} factory with a channel pool of its own: one per trigger is KEDA without its pool. */
    public static ScalerFactory factoryWithItsOwnChannels() {
        return new ExternalScalerFactory(new ExternalChannels(Duration.ofSeconds(2), Duration.ofMinutes(1)));
    }

    /** The channel an {@code external} trigger calls on. */
    public static ManagedChannel channel(Scaler scaler) {
        return ((ExternalScaler) scaler).channel();
    }

    /** Channels open in the pool every ServiceLoader-made factory shares. */
    public static int sharedChannels() {
        return ExternalChannels.shared().size();
    }
}
