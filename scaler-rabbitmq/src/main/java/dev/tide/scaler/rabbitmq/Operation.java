package dev.tide.scaler.rabbitmq;

import java.util.List;

/** How the queues a regex matched are combined (KEDA's {@code getComposedQueue}); no queue reads as zeros. */
enum Operation {
    SUM, AVG, MAX;

    static Operation of(String text) {
        return valueOf(text.toUpperCase(java.util.Locale.ROOT));
    }

    QueueStatus combine(List<QueueStatus> queues) {
        if (queues.isEmpty()) {
            return new QueueStatus(0, 0, 0);
        }
        long messages = 0;
        double publish = 0;
        double deliver = 0;
        for (QueueStatus queue : queues) {
            if (this == MAX) {
                messages = Math.max(messages, queue.messages());
                publish = Math.max(publish, queue.publishRate());
                deliver = Math.max(deliver, queue.deliverGetRate());
            } else {
                messages += queue.messages();
                publish += queue.publishRate();
                deliver += queue.deliverGetRate();
            }
        }
        if (this == AVG) {
            // Go divides the integer counts with truncation, the rates as floats.
            return new QueueStatus(messages / queues.size(), publish / queues.size(), deliver / queues.size());
        }
        return new QueueStatus(messages, publish, deliver);
    }
}
