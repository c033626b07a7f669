package dev.tide.scaler.external;

import dev.tide.scaler.api.clients.SharedClients;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The gRPC channels to external scalers: one per address and TLS identity, shared by every {@code external} and
 * {@code external-push} trigger that names them (KEDA's connection pool), and closed when the last one is closed.
 * A channel multiplexes every call and stream over one HTTP/2 connection per resolved server, and waits on no thread.
 *
 * <p>Also holds the one thread that schedules the push streams' reconnects.
 */
final class ExternalChannels {

    private static final ExternalChannels SHARED = new ExternalChannels(Duration.ofSeconds(2), Duration.ofMinutes(1));

    private final SharedClients<ChannelIdentity, ManagedChannel> channels =
            new SharedClients<>(ExternalChannels::open, ManagedChannel::shutdown);
    private final ScheduledExecutorService reconnects = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "tide-external-push-reconnect");
        thread.setDaemon(true);
        return thread;
    });
    private final Duration firstBackoff;
    private final Duration maxBackoff;

    /**
     * @param firstBackoff the wait before reopening a push stream the server ended, and the first wait after a failure
     * @param maxBackoff the longest wait between failed attempts (the wait doubles up to it)
     */
    ExternalChannels(Duration firstBackoff, Duration maxBackoff) {
        this.firstBackoff = firstBackoff;
        this.maxBackoff = maxBackoff;
    }

    /** The channels every factory the ServiceLoader makes shares, so both trigger types share one pool. */
    static ExternalChannels shared() {
        return SHARED;
    }

    /** @throws IllegalArgumentException when the TLS material cannot be read; the message quotes none of it */
    SharedClients.Lease<ManagedChannel> acquire(ChannelIdentity identity) {
        return channels.acquire(identity);
    }

    /** How many channels are open now. */
    int size() {
        return channels.size();
    }

    ScheduledExecutorService reconnects() {
        return reconnects;
    }

    Duration firstBackoff() {
        return firstBackoff;
    }

    Duration maxBackoff() {
        return maxBackoff;
    }

    /** KEDA's channels balance round robin over every address the name resolves to. */
    private static ManagedChannel open(ChannelIdentity identity) {
        return Grpc.newChannelBuilder(identity.address(), TlsMaterial.credentials(identity))
                .defaultLoadBalancingPolicy("round_robin")
                .build();
    }
}
