package dev.tide.examples.queueworker;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the worker polls its queue.
 *
 * @param batchSize messages received per request (the service allows at most 32)
 * @param visibilityTimeout how long a received message stays hidden from other replicas before it reappears
 * @param pollInterval pause between polls once the queue is empty
 */
@ConfigurationProperties("queue-worker")
record WorkerProperties(
        @DefaultValue("32") int batchSize,
        @DefaultValue("30s") Duration visibilityTimeout,
        @DefaultValue("1s") Duration pollInterval) {
}
