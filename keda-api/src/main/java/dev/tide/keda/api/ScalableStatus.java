package dev.tide.keda.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The status fields ScaledObjects and ScaledJobs share (KEDA's {@code ScalableObject} status accessors): when the
 * object was last active, its conditions, its trigger and authentication types, its metric names and each trigger's
 * activity.
 */
public abstract class ScalableStatus {

    @JsonProperty("lastActiveTime")
    private String lastActiveTime;
    @JsonProperty("externalMetricNames")
    private List<String> externalMetricNames;
    @JsonProperty("triggersActivity")
    private Map<String, TriggerActivity> triggersActivity;
    @JsonProperty("triggersTypes")
    private String triggersTypes;
    @JsonProperty("authenticationsTypes")
    private String authenticationsTypes;
    @JsonProperty("conditions")
    private List<Condition> conditions = new ArrayList<>();

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

    public Map<String, TriggerActivity> getTriggersActivity() {
        return triggersActivity;
    }

    public void setTriggersActivity(Map<String, TriggerActivity> triggersActivity) {
        this.triggersActivity = triggersActivity;
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
        this.conditions = conditions;
    }

    /** Whether the shared fields are equal; subclasses compare their own fields besides. */
    protected boolean sharedFieldsEqual(ScalableStatus other) {
        return Objects.equals(lastActiveTime, other.lastActiveTime) && Objects.equals(externalMetricNames, other.externalMetricNames)
                && Objects.equals(triggersActivity, other.triggersActivity) && Objects.equals(triggersTypes, other.triggersTypes)
                && Objects.equals(authenticationsTypes, other.authenticationsTypes) && Objects.equals(conditions, other.conditions);
    }
}
