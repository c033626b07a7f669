package dev.tide.scaler.rabbitmq;

/**
 * What one read of a queue (or of the queues a regex matched, combined) returned: KEDA's {@code getQueueStatus}.
 *
 * @param messages ready plus unacknowledged, or ready only (AMQP, or {@code excludeUnacknowledged})
 * @param publishRate messages published per second (management API only, else 0)
 * @param deliverGetRate messages delivered or fetched per second (management API only, else 0)
 */
record QueueStatus(long messages, double publishRate, double deliverGetRate) {

    /** The metric value and activity of {@code mode}, with KEDA's formulas ({@code GetMetricsAndActivity}). */
    Reading read(Mode mode, double activationValue) {
        return switch (mode) {
            case QUEUE_LENGTH -> new Reading(messages, messages > activationValue);
            case MESSAGE_RATE -> new Reading(publishRate, publishRate > activationValue || messages > activationValue);
            case DELIVER_GET_RATE -> new Reading(deliverGetRate, deliverGetRate > activationValue);
            case PUBLISHED_TO_DELIVERED_RATIO -> ratio(activationValue);
            case EXPECTED_QUEUE_CONSUMPTION_TIME -> consumptionTime(activationValue);
        };
    }

    /** Published per delivered; with publishing and no delivery the activation value, and active. */
    private Reading ratio(double activationValue) {
        boolean stuck = publishRate > 0 && deliverGetRate == 0;
        double ratio = stuck ? activationValue : publishRate > 0 && deliverGetRate > 0 ? publishRate / deliverGetRate : 0;
        return new Reading(ratio, ratio > activationValue || stuck);
    }

    /** Seconds until the backlog is consumed; with a backlog and no delivery the activation value, and active. */
    private Reading consumptionTime(double activationValue) {
        double eta;
        if (messages == 0) {
            eta = 0;
        } else if (deliverGetRate == 0) {
            eta = activationValue;
        } else {
            eta = (publishRate - deliverGetRate) / deliverGetRate + messages / deliverGetRate;
        }
        return new Reading(eta, eta > activationValue || deliverGetRate == 0 && messages > 0);
    }

    /** The metric value and whether the trigger is active. */
    record Reading(double value, boolean active) {
    }
}
