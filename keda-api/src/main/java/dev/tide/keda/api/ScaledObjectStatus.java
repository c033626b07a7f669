package dev.tide.keda.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** {@code ScaledObjectStatus} (KEDA {@code scaledobject_types.go}). */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class ScaledObjectStatus extends ScalableStatus {

    @JsonProperty("scaleTargetKind")
    private String scaleTargetKind;
    @JsonProperty("scaleTargetGVKR")
    private GroupVersionKindResource scaleTargetGVKR;
    @JsonProperty("originalReplicaCount")
    private Integer originalReplicaCount;
    @JsonProperty("resourceMetricNames")
    private List<String> resourceMetricNames;
    @JsonProperty("compositeScalerName")
    private String compositeScalerName;
    @JsonProperty("health")
    private Map<String, HealthStatus> health;
    @JsonProperty("pausedReplicaCount")
    private Integer pausedReplicaCount;
    @JsonProperty("hpaName")
    private String hpaName;

    /** {@code health[metricName]}, kept only when fallback is configured. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record HealthStatus(Integer numberOfFailures, String status) {
    }

    public String getScaleTargetKind() {
        return scaleTargetKind;
    }

    public void setScaleTargetKind(String scaleTargetKind) {
        this.scaleTargetKind = scaleTargetKind;
    }

    public GroupVersionKindResource getScaleTargetGVKR() {
        return scaleTargetGVKR;
    }

    public void setScaleTargetGVKR(GroupVersionKindResource scaleTargetGVKR) {
        this.scaleTargetGVKR = scaleTargetGVKR;
    }

    public Integer getOriginalReplicaCount() {
        return originalReplicaCount;
    }

    public void setOriginalReplicaCount(Integer originalReplicaCount) {
        this.originalReplicaCount = originalReplicaCount;
    }

    public List<String> getResourceMetricNames() {
        return resourceMetricNames;
    }

    public void setResourceMetricNames(List<String> resourceMetricNames) {
        this.resourceMetricNames = resourceMetricNames;
    }

    public String getCompositeScalerName() {
        return compositeScalerName;
    }

    public void setCompositeScalerName(String compositeScalerName) {
        this.compositeScalerName = compositeScalerName;
    }

    public Map<String, HealthStatus> getHealth() {
        return health;
    }

    public void setHealth(Map<String, HealthStatus> health) {
        this.health = health;
    }

    public Integer getPausedReplicaCount() {
        return pausedReplicaCount;
    }

    public void setPausedReplicaCount(Integer pausedReplicaCount) {
        this.pausedReplicaCount = pausedReplicaCount;
    }

    public String getHpaName() {
        return hpaName;
    }

    public void setHpaName(String hpaName) {
        this.hpaName = hpaName;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ScaledObjectStatus s && sharedFieldsEqual(s)
                && Objects.equals(scaleTargetKind, s.scaleTargetKind)
                && Objects.equals(scaleTargetGVKR, s.scaleTargetGVKR)
                && Objects.equals(originalReplicaCount, s.originalReplicaCount)
                && Objects.equals(resourceMetricNames, s.resourceMetricNames)
                && Objects.equals(compositeScalerName, s.compositeScalerName)
                && Objects.equals(health, s.health)
                && Objects.equals(pausedReplicaCount, s.pausedReplicaCount)
                && Objects.equals(hpaName, s.hpaName);
    }

    @Override
    public int hashCode() {
        return Objects.hash(scaleTargetKind, scaleTargetGVKR, originalReplicaCount, hpaName, getConditions());
    }
}
