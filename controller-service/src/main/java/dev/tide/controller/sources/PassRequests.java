package dev.tide.controller.sources;

import dev.tide.controller.kube.ObjectKey;
import dev.tide.scaler.api.PushScaler;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where push scalers' requests for an immediate pass go (SPI 1.4): the {@link ScalerCache} hands each push scaler a
 * requester for its object, and the loops that own those objects answer. Until they do, and for caches whose loops
 * only poll (ScaledJobs, as in KEDA), a request is dropped and the next scheduled pass reads the trigger.
 */
public final class PassRequests {

    private static final Logger log = LoggerFactory.getLogger(PassRequests.class);

    private volatile Consumer<ObjectKey> handler = key -> log.debug("{}: a push scaler asked for a pass; it is read at its next poll", key);

    /** The loops that run a pass on request; the last one set wins. */
    public void handleWith(Consumer<ObjectKey> handler) {
        this.handler = handler;
    }

    PushScaler.PassRequester requesterFor(ObjectKey key) {
        return () -> {
            try {
                handler.accept(key);
            } catch (RuntimeException e) {
                // Called on the plugin's threads: a failure to schedule is ours to report, never the plugin's problem.
                log.warn("{}: could not start the pass a push scaler asked for ({}); the next scheduled pass reads it",
                        key, e.toString());
            }
        };
    }
}
