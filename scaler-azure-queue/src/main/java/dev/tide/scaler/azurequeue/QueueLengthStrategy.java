package dev.tide.scaler.azurequeue;

import dev.tide.scaler.api.params.ParameterValue;

/** What counts as the queue's length (KEDA's {@code queueLengthStrategy}, added in v2.15). */
enum QueueLengthStrategy implements ParameterValue {
    /** The approximate message count: visible messages plus those in flight (received, not yet deleted). */
    ALL("all"),
    /** Only visible messages, by peeking; at 32 (the peek limit) the approximate count is used instead. */
    VISIBLE_ONLY("visibleonly");

    private final String parameterValue;

    QueueLengthStrategy(String parameterValue) {
        this.parameterValue = parameterValue;
    }

    @Override
    public String parameterValue() {
        return parameterValue;
    }
}
