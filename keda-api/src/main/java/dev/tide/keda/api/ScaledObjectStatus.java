package dev.tide.keda.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** {@code ScaledObjectStatus} (KEDA {@code scaledobject_types.go}). */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class ScaledObjectStatus {

    @JsonProperty("scaleTargetKind")
    private String scaleTargetKind;
    @JsonProperty("scaleTargetGVKR")
    private GroupVersionKindResource scaleTargetGVKR;
    @JsonProperty("originalReplicaCount")
    private Integer originalReplicaCount;
    @JsonProperty("lastActiveTime")
    private String lastActiveTime;
    @JsonProperty("externalMetricNames")
    private List<String> externalMetricNames;
    @JsonProperty("resourceMetricNames")
    private List<String> resourceMetricNames;
    @JsonProperty("compositeScalerName")
    private String compositeScalerName;
    @JsonProperty("health")
    private Map<String, HealthStatus> health;
    @JsonProperty("triggersActivity")
    private Map<String, TriggerActivity> triggersActivity;
    @JsonProperty("pausedReplicaCount")
    private Integer pausedReplicaCount;
    @JsonProperty("hpaName")
    private String hpaName;
    @JsonProperty("triggersTypes")
    private String triggersTypes;
    @JsonProperty("authenticationsTypes")
    private String authenticationsTypes;
    @JsonProperty("conditions")
    private List<Condition> conditions = new ArrayList<>();

    /** {@code health[metricName]}, kept only when fallback is configured. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record HealthStatus(Integer numberOfFailures, String status) {
    }

    /** {@code triggersActivity[metricName]}. */
    public record TriggerActivity(@JsonProperty("isActive") boolean isActive) {
    }

    @JsonIgnore
    public Optional<Condition> condition(String type) {
        return conditions == null ? Optional.empty() : conditions.stream().filter(c -> type.equals(c.type())).findFirst();
    }

    /** Replaces the condition of the same type, keeping the order of the others. */
    public void setCondition(Condition condition) {
        if (conditions == null) {
            conditions = new ArrayList<>();
        }
        for (int i = 0; i < conditions.size(); i++) {
            if (conditions.get(i).type().equals(condition.type())) {
                conditions.set(i, condition);
                return;
            }
        }
        conditions.add(condition);
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

    public String getLastActiveTime() {
        return lastActiveTime;
    }

    public void setLastActiveTime(String lastActiveTime) {
        this.lastActiveTime = lastActiveTime;
    }

    public List<String> getExternalMetricNames() {
        return externalMetricNames;
    }

    public void setExternalMetricNames(List<String> externalMetricNames) {
        this.externalMetricNames = externalMetricNames;
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

    public Map<String, TriggerActivity> getTriggersActivity() {
        return triggersActivity;
    }

    public void setTriggersActivity(Map<String, TriggerActivity> triggersActivity) {
        this.triggersActivity = triggersActivity;
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

    public String getTriggersTypes() {
        return triggersTypes;
    }

    public void setTriggersTypes(String triggersTypes) {
        this.triggersTypes = triggersTypes;
    }

    public String getAuthenticationsTypes() {
        return authenticationsTypes;
    }

    public void setAuthenticationsTypes(String authenticationsTypes) {
        this.authenticationsTypes = authenticationsTypes;
    }

    public List<Condition> getConditions() {
        return conditions;
    }

    public void setConditions(List<Condition> conditions) {
        this.conditions = conditions == null ? new ArrayList<>() : new ArrayList<>(conditions);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ScaledObjectStatus s
                && Objects.equals(scaleTargetKind, s.scaleTargetKind)
                && Objects.equals(scaleTargetGVKR, s.scaleTargetGVKR)
                && Objects.equals(originalReplicaCount, s.originalReplicaCount)
                && Objects.equals(lastActiveTime, s.lastActiveTime)
                && Objects.equals(externalMetricNames, s.externalMetricNames)
                && Objects.equals(resourceMetricNames, s.resourceMetricNames)
                && Objects.equals(compositeScalerName, s.compositeScalerName)
                && Objects.equals(health, s.health)
                && Objects.equals(triggersActivity, s.triggersActivity)
                && Objects.equals(pausedReplicaCount, s.pausedReplicaCount)
                && Objects.equals(hpaName, s.hpaName)
                && Objects.equals(triggersTypes, s.triggersTypes)
                && Objects.equals(authenticationsTypes, s.authenticationsTypes)
                && Objects.equals(conditions, s.conditions);
    }

    @Override
    public int hashCode() {
        return Objects.hash(scaleTargetKind, scaleTargetGVKR, originalReplicaCount, hpaName, conditions);
    }
}
