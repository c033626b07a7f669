package dev.tide.scaler.api;

/**
 * A scaler that can learn of activity between polls (SPI 1.4, KEDA's {@code PushScaler}), for example from a stream
 * its event source keeps open. It is still polled at the pollingInterval like any scaler; pushing only makes the
 * next poll come sooner.
 *
 * <p>The host calls {@link #startPushing} once, after {@link ScalerFactory#create} and before it polls, and
 * {@link #close()} ends the pushing. The scaler calls {@link PassRequester#requestPass()} when the object should be
 * looked at now; the host then runs that object's pass at once (coalescing requests that come while one runs).
 * Ask on a change that matters (the source became active), not on every message: each request costs one pass.
 */
public interface PushScaler extends Scaler {

    /**
     * Starts listening; must not block. Called on a host thread that the scaler must not keep.
     *
     * @param requester asks the host for an immediate pass of the object this trigger belongs to; safe to call from
     *     any thread, any number of times, also after {@link #close()} (it is then ignored)
     */
    void startPushing(PassRequester requester);

    /** How a {@link PushScaler} asks the host for an immediate pass. */
    @FunctionalInterface
    interface PassRequester {

        /** Runs the owning object's pass now rather than at its next pollingInterval. */
        void requestPass();
    }
}
