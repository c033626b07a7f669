package dev.tide.scaler.external;

import dev.tide.scaler.api.MetricTargetType;
import dev.tide.scaler.api.ScalerConfigException;
import dev.tide.scaler.api.TriggerConfig;
import dev.tide.scaler.api.params.ParameterBinder;
import externalscaler.Externalscaler.ScaledObjectRef;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * One {@code external} or {@code external-push} trigger, bound and checked (KEDA's {@code NewExternalScaler}).
 *
 * @param reference what every call sends: the object's name and namespace, and the trigger's metadata as KEDA sends it
 */
record ExternalTrigger(String label, int triggerIndex, ExternalParameters parameters, MetricTargetType metricType,
        ScaledObjectRef reference, Duration timeout) {

    static final String TYPE = "external";
    static final String PUSH_TYPE = "external-push";

    /** @throws ScalerConfigException naming the trigger and what is wrong */
    static ExternalTrigger parse(TriggerConfig config) {
        ExternalParameters parameters = ParameterBinder.bind(config, ExternalParameters.class);
        MetricTargetType metricType = config.metricType().orElse(MetricTargetType.AVERAGE_VALUE);
        if (metricType == MetricTargetType.UTILIZATION) {
            throw new ScalerConfigException(config,
                    "error getting external scaler metric type: 'Utilization' metric type is unsupported for external metrics");
        }
        ScaledObjectRef reference = ScaledObjectRef.newBuilder()
                .setName(config.scaledObject().name())
                .setNamespace(config.scaledObject().namespace())
                .putAllScalerMetadata(scalerMetadata(config))
                .build();
        return new ExternalTrigger(config.label(), config.triggerIndex(), parameters, metricType, reference, config.timeout());
    }

    /**
     * The whole trigger metadata, with each {@code <key>FromEnv} carrying the value of the environment variable it
     * names (dropped when that is unset or empty), as KEDA passes it. TriggerAuthentication parameters are not sent.
     */
    static Map<String, String> scalerMetadata(TriggerConfig config) {
        Map<String, String> metadata = new TreeMap<>();
        config.metadata().forEach((key, value) -> {
            if (!key.endsWith("FromEnv")) {
                metadata.put(key, value);
                return;
            }
            String resolved = config.resolvedEnv().get(value);
            if (resolved != null && !resolved.isEmpty()) {
                metadata.put(key, resolved);
            }
        });
        return metadata;
    }

    String address() {
        return parameters.scalerAddress();
    }
}
