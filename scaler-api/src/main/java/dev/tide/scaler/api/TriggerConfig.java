package dev.tide.scaler.api;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Everything a {@link ScalerFactory} gets to build one trigger's scaler (KEDA's {@code ScalerConfig}).
 *
 * @param scaledObject the object that owns the trigger
 * @param triggerIndex position of the trigger in {@code spec.triggers}; prefixes metric names as {@code s<i>-}
 * @param triggerName the trigger's optional {@code name}
 * @param type the trigger {@code type}
 * @param metadata the trigger's {@code metadata}, as written
 * @param resolvedEnv the scale target container's environment, for {@code <param>FromEnv}; may hold secrets
 * @param authParams parameters resolved from the TriggerAuthentication; may hold secrets
 * @param podIdentity the TriggerAuthentication's pod identity, {@code none} when there is none
 * @param metricType the trigger's {@code metricType}, when set
 * @param useCachedMetrics whether the HPA path reads the value cached by the scale loop
 * @param timeout how long one call to the event source may take
 */
public record TriggerConfig(
        ScaledObjectRef scaledObject,
        int triggerIndex,
        Optional<String> triggerName,
        String type,
        Map<String, String> metadata,
        Map<String, String> resolvedEnv,
        Map<String, String> authParams,
        PodIdentity podIdentity,
        Optional<MetricTargetType> metricType,
        boolean useCachedMetrics,
        Duration timeout) {

    /** KEDA's {@code KEDA_HTTP_DEFAULT_TIMEOUT}. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(3000);

    private static final String REDACTED = "<redacted>";

    public TriggerConfig {
        Objects.requireNonNull(scaledObject, "scaledObject");
        Objects.requireNonNull(type, "type");
        if (triggerIndex < 0) {
            throw new IllegalArgumentException("triggerIndex must be >= 0: " + triggerIndex);
        }
        triggerName = triggerName.filter(name -> !name.isBlank());
        metadata = Map.copyOf(metadata);
        resolvedEnv = Map.copyOf(resolvedEnv);
        authParams = Map.copyOf(authParams);
        podIdentity = podIdentity == null ? PodIdentity.none() : podIdentity;
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
    }

    /** A config with only metadata, for tests and tools. */
    public static TriggerConfig of(String type, int triggerIndex, Map<String, String> metadata) {
        return builder(type).triggerIndex(triggerIndex).metadata(metadata).build();
    }

    public static Builder builder(String type) {
        return new Builder(type);
    }

    /** How errors and logs name this trigger: {@code trigger[1] (kafka)}. */
    public String label() {
        return "trigger[" + triggerIndex + "] (" + type + ")";
    }

    /** KEDA's {@code TriggerUniqueKey}: {@code <Kind>-<ns>-<name>-<index>}. */
    public String uniqueKey() {
        return scaledObject.kind() + "-" + scaledObject.namespace() + "-" + scaledObject.name() + "-" + triggerIndex;
    }

    public Builder toBuilder() {
        return new Builder(type)
                .scaledObject(scaledObject)
                .triggerIndex(triggerIndex)
                .triggerName(triggerName.orElse(null))
                .metadata(metadata)
                .resolvedEnv(resolvedEnv)
                .authParams(authParams)
                .podIdentity(podIdentity)
                .metricType(metricType.orElse(null))
                .useCachedMetrics(useCachedMetrics)
                .timeout(timeout);
    }

    /** Auth params and the resolved environment may hold secrets: only their keys are shown. */
    @Override
    public String toString() {
        return "TriggerConfig[" + scaledObject + ", " + label()
                + triggerName.map(name -> ", name=" + name).orElse("")
                + ", metadata=" + new TreeMap<>(metadata)
                + ", resolvedEnv=" + redacted(resolvedEnv)
                + ", authParams=" + redacted(authParams)
                + ", podIdentity=" + podIdentity.provider()
                + metricType.map(t -> ", metricType=" + t.kubernetesName()).orElse("")
                + ", useCachedMetrics=" + useCachedMetrics
                + ", timeout=" + timeout + "]";
    }

    private static Map<String, String> redacted(Map<String, String> values) {
        Map<String, String> shown = new TreeMap<>();
        values.keySet().forEach(key -> shown.put(key, REDACTED));
        return shown;
    }

    /** Builds a {@link TriggerConfig}; everything but the type has a neutral default. */
    public static final class Builder {
        private final String type;
        private ScaledObjectRef scaledObject = ScaledObjectRef.scaledObject("default", "unnamed");
        private int triggerIndex;
        private String triggerName;
        private Map<String, String> metadata = Map.of();
        private Map<String, String> resolvedEnv = Map.of();
        private Map<String, String> authParams = Map.of();
        private PodIdentity podIdentity = PodIdentity.none();
        private MetricTargetType metricType;
        private boolean useCachedMetrics;
        private Duration timeout = DEFAULT_TIMEOUT;

        private Builder(String type) {
            this.type = type;
        }

        public Builder scaledObject(ScaledObjectRef scaledObject) {
            this.scaledObject = scaledObject;
            return this;
        }

        public Builder triggerIndex(int triggerIndex) {
            this.triggerIndex = triggerIndex;
            return this;
        }

        public Builder triggerName(String triggerName) {
            this.triggerName = triggerName;
            return this;
        }

        public Builder metadata(Map<String, String> metadata) {
            this.metadata = metadata;
            return this;
        }

        public Builder resolvedEnv(Map<String, String> resolvedEnv) {
            this.resolvedEnv = resolvedEnv;
            return this;
        }

        public Builder authParams(Map<String, String> authParams) {
            this.authParams = authParams;
            return this;
        }

        public Builder podIdentity(PodIdentity podIdentity) {
            this.podIdentity = podIdentity;
            return this;
        }

        public Builder metricType(MetricTargetType metricType) {
            this.metricType = metricType;
            return this;
        }

        public Builder useCachedMetrics(boolean useCachedMetrics) {
            this.useCachedMetrics = useCachedMetrics;
            return this;
        }

        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        public TriggerConfig build() {
            return new TriggerConfig(scaledObject, triggerIndex, Optional.ofNullable(triggerName), type, metadata,
                    resolvedEnv, authParams, podIdentity, Optional.ofNullable(metricType), useCachedMetrics, timeout);
        }
    }
}
