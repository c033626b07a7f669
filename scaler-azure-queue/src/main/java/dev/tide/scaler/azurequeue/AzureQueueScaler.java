package dev.tide.scaler.azurequeue;

import com.azure.storage.queue.QueueAsyncClient;
import com.azure.storage.queue.QueueServiceAsyncClient;
import com.azure.storage.queue.models.QueueProperties;
import dev.tide.scaler.api.MetricSpec;
import dev.tide.scaler.api.MetricValue;
import dev.tide.scaler.api.MilliValue;
import dev.tide.scaler.api.Scaler;
import dev.tide.scaler.api.ScalerSample;
import dev.tide.scaler.api.clients.SharedClients;
import java.time.Duration;
import java.util.List;

/** Reads one queue's length for one trigger (KEDA's {@code azureQueueScaler}). */
final class AzureQueueScaler implements Scaler {

    /** The most messages one peek returns; the service answers 400 to more. */
    static final int PEEK_LIMIT = 32;

    private final AzureQueueTrigger trigger;
    private final SharedClients.Lease<QueueServiceAsyncClient> lease;
    private final QueueAsyncClient queue;
    private final Duration timeout;

    AzureQueueScaler(AzureQueueTrigger trigger, SharedClients.Lease<QueueServiceAsyncClient> lease, Duration timeout) {
        this.trigger = trigger;
        this.lease = lease;
        this.queue = lease.client().getQueueAsyncClient(trigger.parameters().queueName());
        this.timeout = timeout;
    }

    @Override
    public List<MetricSpec> metricSpecs() {
        return List.of(trigger.metricSpec());
    }

    @Override
    public ScalerSample sample(String metricName) {
        if (!trigger.metricSpec().metricName().equals(metricName)) {
            throw new IllegalArgumentException(trigger.label() + " has no metric " + metricName);
        }
        long length = queueLength();
        return ScalerSample.of(new MetricValue(metricName, MilliValue.ofWhole(length)),
                length > trigger.parameters().activationQueueLength());
    }

    /**
     * One request for {@code all}; for {@code visibleonly} one peek, plus the approximate count at 32. The async
     * client is blocked on here because the synchronous one logs every failure at ERROR before throwing it, and
     * the caller already reports it once.
     */
    long queueLength() {
        try {
            if (trigger.parameters().queueLengthStrategy() == QueueLengthStrategy.VISIBLE_ONLY) {
                long visible = queue.peekMessages(PEEK_LIMIT).count().timeout(timeout).block();
                if (visible < PEEK_LIMIT) {
                    return visible;
                }
            }
            return queue.getProperties().map(QueueProperties::getApproximateMessagesCount).timeout(timeout).block();
        } catch (RuntimeException e) {
            throw QueueErrors.translate(trigger, queue.getQueueUrl(), e);
        }
    }

    @Override
    public void close() {
        lease.close();
    }

    @Override
    public String toString() {
        return "AzureQueueScaler[" + trigger.label() + ", " + trigger.metricSpec().metricName() + "]";
    }
}
