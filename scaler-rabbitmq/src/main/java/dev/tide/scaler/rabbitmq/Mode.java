package dev.tide.scaler.rabbitmq;

import java.util.Arrays;
import java.util.Optional;

/** KEDA's trigger modes, spelled as a user writes them; all but {@link #QUEUE_LENGTH} need the management API. */
enum Mode {
    QUEUE_LENGTH("QueueLength"),
    MESSAGE_RATE("MessageRate"),
    DELIVER_GET_RATE("DeliverGetRate"),
    PUBLISHED_TO_DELIVERED_RATIO("PublishedToDeliveredRatio"),
    EXPECTED_QUEUE_CONSUMPTION_TIME("ExpectedQueueConsumptionTime");

    private final String spelling;

    Mode(String spelling) {
        this.spelling = spelling;
    }

    /** Exact and case-sensitive, as KEDA compares. */
    static Optional<Mode> of(String text) {
        return Arrays.stream(values()).filter(mode -> mode.spelling.equals(text)).findFirst();
    }

    boolean httpOnly() {
        return this != QUEUE_LENGTH;
    }

    @Override
    public String toString() {
        return spelling;
    }
}
