package dev.tide.scaler.awssqs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The queue length from {@code GetQueueAttributes}' answer (KEDA's
 * {@code processQueueLengthFromSqsQueueAttributesOutput}): the sum of the selected attributes, each of which must be
 * there and be an integer; a gap is an error, never a 0.
 */
final class QueueLength {

    static final String VISIBLE = "ApproximateNumberOfMessages";
    static final String IN_FLIGHT = "ApproximateNumberOfMessagesNotVisible";
    static final String DELAYED = "ApproximateNumberOfMessagesDelayed";

    private QueueLength() {
    }

    /** The attributes a trigger asks for: the visible messages, plus in flight and delayed as selected. */
    static List<String> attributes(boolean scaleOnInFlight, boolean scaleOnDelayed) {
        List<String> names = new ArrayList<>(List.of(VISIBLE));
        if (scaleOnInFlight) {
            names.add(IN_FLIGHT);
        }
        if (scaleOnDelayed) {
            names.add(DELAYED);
        }
        return List.copyOf(names);
    }

    /** @throws IllegalStateException with KEDA's message when an attribute is missing or not an integer */
    static long sum(Map<String, String> answered, List<String> selected) {
        long length = 0;
        for (String name : selected) {
            String value = answered.get(name);
            if (value == null) {
                throw new IllegalStateException("metric " + name + " not found in SQS queue attributes");
            }
            try {
                length += Long.parseLong(value);
            } catch (NumberFormatException e) {
                throw new IllegalStateException("metric " + name + " value \"" + value + "\" is not an integer");
            }
        }
        return length;
    }
}
