package dev.tide.scaler.awssqs;

import dev.tide.scaler.api.MetricSpec;
import dev.tide.scaler.api.MetricValue;
import dev.tide.scaler.api.MilliValue;
import dev.tide.scaler.api.Scaler;
import dev.tide.scaler.api.ScalerException;
import dev.tide.scaler.api.ScalerSample;
import dev.tide.scaler.api.clients.SharedClients;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.model.GetQueueAttributesRequest;
import software.amazon.awssdk.services.sqs.model.GetQueueAttributesResponse;

/**
 * One {@code aws-sqs-queue} trigger: asks {@code GetQueueAttributes} for the selected counts at every read, reports
 * their sum and is active while it is above {@code activationQueueLength} (KEDA's {@code GetMetricsAndActivity}).
 */
final class AwsSqsScaler implements Scaler {

    private static final Logger log = LoggerFactory.getLogger(AwsSqsScaler.class);

    private final AwsSqsTrigger trigger;
    private final SharedClients.Lease<SqsClients.Client> client;
    private final GetQueueAttributesRequest request;
    private final AtomicBoolean closed = new AtomicBoolean();

    AwsSqsScaler(AwsSqsTrigger trigger, SharedClients.Lease<SqsClients.Client> client) {
        this.trigger = trigger;
        this.client = client;
        // The whole call, retries and credential lookup included, is bounded by the trigger's timeout.
        this.request = GetQueueAttributesRequest.builder()
                .queueUrl(trigger.parameters().queueURL())
                .attributeNamesWithStrings(trigger.attributes())
                .overrideConfiguration(override -> override.apiCallTimeout(trigger.timeout()))
                .build();
    }

    @Override
    public List<MetricSpec> metricSpecs() {
        return List.of(trigger.metricSpec());
    }

    @Override
    public ScalerSample sample(String metricName) {
        long length = queueLength();
        log.debug("{}: queue {} length {}", trigger.label(), trigger.queueName(), length);
        return ScalerSample.of(new MetricValue(metricName, MilliValue.ofWhole(length)),
                length > trigger.parameters().activationQueueLength());
    }

    /** KEDA's {@code getAwsSqsQueueLength}. */
    long queueLength() {
        // A closed client (the last trigger on it let go) rejects the call with a RejectedExecutionException.
        if (closed.get()) {
            throw new ScalerException(trigger.label() + ": the scaler is closed");
        }
        GetQueueAttributesResponse response;
        try {
            response = client.client().sqs().getQueueAttributes(request);
        } catch (SdkException e) {
            throw SqsErrors.translate(trigger, e);
        }
        try {
            return QueueLength.sum(response.attributesAsStrings(), trigger.attributes());
        } catch (IllegalStateException e) {
            throw new ScalerException(trigger.label() + ": queue " + trigger.parameters().queueURL() + ": " + e.getMessage());
        }
    }

    @Override
    public void close() {
        closed.set(true);
        client.close();
    }

    @Override
    public String toString() {
        return "AwsSqsScaler[" + trigger.label() + ", queue=" + trigger.parameters().queueURL() + ", region="
                + trigger.parameters().awsRegion() + "]";
    }
}
