package dev.tide.scaler.external;

import dev.tide.scaler.api.MetricSpec;
import dev.tide.scaler.api.MetricValue;
import dev.tide.scaler.api.MilliValue;
import dev.tide.scaler.api.Scaler;
import dev.tide.scaler.api.ScalerException;
import dev.tide.scaler.api.ScalerSample;
import dev.tide.scaler.api.clients.SharedClients;
import externalscaler.ExternalScalerGrpc;
import externalscaler.Externalscaler.GetMetricSpecResponse;
import externalscaler.Externalscaler.GetMetricsRequest;
import externalscaler.Externalscaler.GetMetricsResponse;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One {@code external} trigger: asks the external scaler over gRPC, exactly as KEDA's {@code externalScaler} does.
 * {@code GetMetricSpec} names the metrics, {@code GetMetrics} then {@code IsActive} answer a poll. Unlike KEDA, every
 * call has a deadline (the trigger's timeout), so a server that stops answering fails the read instead of holding it.
 */
class ExternalScaler implements Scaler {

    final ExternalTrigger trigger;
    private final SharedClients.Lease<ManagedChannel> channel;
    private final ExternalScalerGrpc.ExternalScalerBlockingStub stub;

    ExternalScaler(ExternalTrigger trigger, SharedClients.Lease<ManagedChannel> channel) {
        this.trigger = trigger;
        this.channel = channel;
        this.stub = ExternalScalerGrpc.newBlockingStub(channel.client());
    }

    ManagedChannel channel() {
        return channel.client();
    }

    /**
     * The server's metric specs, named {@code s<index>-<metricName>} (not normalized, as KEDA names them); the
     * target is {@code targetSizeFloat} when positive, else {@code targetSize}.
     */
    @Override
    public List<MetricSpec> metricSpecs() {
        GetMetricSpecResponse response;
        try {
            response = deadlined().getMetricSpec(trigger.reference());
        } catch (StatusRuntimeException e) {
            throw failed("GetMetricSpec", e);
        }
        return response.getMetricSpecsList().stream().map(spec -> new MetricSpec(
                "s" + trigger.triggerIndex() + "-" + spec.getMetricName(),
                trigger.metricType(),
                spec.getTargetSizeFloat() > 0
                        ? new MilliValue((long) (spec.getTargetSizeFloat() * 1000)) // KEDA truncates to milli
                        : MilliValue.ofWhole(spec.getTargetSize())))
                .toList();
    }

    /**
     * {@code GetMetrics} for the name without its {@code s<index>-} prefix, then {@code IsActive}. Every value the
     * server returns is reported under the requested name; {@code metricValueFloat} wins when positive.
     */
    @Override
    public ScalerSample sample(String metricName) {
        GetMetricsRequest request = GetMetricsRequest.newBuilder()
                .setScaledObjectRef(trigger.reference())
                .setMetricName(withoutIndex(metricName))
                .build();
        GetMetricsResponse metrics;
        boolean active;
        try {
            metrics = deadlined().getMetrics(request);
        } catch (StatusRuntimeException e) {
            throw failed("GetMetrics", e);
        }
        try {
            active = deadlined().isActive(trigger.reference()).getResult();
        } catch (StatusRuntimeException e) {
            throw failed("IsActive", e);
        }
        List<MetricValue> values = metrics.getMetricValuesList().stream()
                .map(value -> new MetricValue(metricName, MilliValue.of(
                        value.getMetricValueFloat() > 0 ? value.getMetricValueFloat() : value.getMetricValue())))
                .toList();
        return new ScalerSample(values, active);
    }

    /** KEDA's {@code RemoveIndexFromMetricName}, with its messages. */
    String withoutIndex(String metricName) {
        int dash = metricName.indexOf('-');
        if (dash < 0) {
            throw new ScalerException(trigger.label() + ": metric name without index prefix");
        }
        if (!metricName.substring(0, dash).equals("s" + trigger.triggerIndex())) {
            throw new ScalerException(trigger.label() + ": metric name contains incorrect index prefix");
        }
        return metricName.substring(dash + 1);
    }

    private ExternalScalerGrpc.ExternalScalerBlockingStub deadlined() {
        return stub.withDeadlineAfter(trigger.timeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The server's status; its description is the server's own words, which hold no Tide secret. */
    ScalerException failed(String call, StatusRuntimeException e) {
        String description = e.getStatus().getDescription();
        return new ScalerException(trigger.label() + ": " + call + " on external scaler " + trigger.address() + " failed: "
                + e.getStatus().getCode() + (description == null ? "" : " (" + description + ")"), e);
    }

    @Override
    public void close() {
        channel.close();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + trigger.label() + ", " + trigger.address() + "]";
    }
}
