package dev.tide.keda.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import java.util.List;

/**
 * {@code ScaledJobSpec} (KEDA {@code scaledjob_types.go}). Numbers are boxed: absent means KEDA's default.
 *
 * @param rolloutStrategy deprecated by KEDA in favour of {@code rollout.strategy}, still read when set
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ScaledJobSpec(
        @Required @JsonPropertyDescription("The Job every unit of work starts: a batch/v1 JobSpec.")
        JobSpec jobTargetRef,
        @Min(1) @JsonPropertyDescription("Seconds between two checks of the triggers; default 30.")
        Integer pollingInterval,
        @Min(0) @JsonPropertyDescription("Finished successful Jobs to keep; default 100.")
        Integer successfulJobsHistoryLimit,
        @Min(0) @JsonPropertyDescription("Finished failed Jobs to keep; default 100.")
        Integer failedJobsHistoryLimit,
        @JsonPropertyDescription("Deprecated: use rollout.strategy.")
        Rollout.Strategy rolloutStrategy,
        @JsonPropertyDescription("What happens to running Jobs when the ScaledJob changes.")
        Rollout rollout,
        @JsonPropertyDescription("Container whose env and envFrom feed *FromEnv trigger parameters; defaults to the first.")
        String envSourceContainerName,
        @Min(0) @JsonPropertyDescription("Jobs kept running whatever the queue says; default 0.")
        Integer minReplicaCount,
        @Min(1) @JsonPropertyDescription("Most Jobs running at once; default 100.")
        Integer maxReplicaCount,
        @JsonPropertyDescription("How many Jobs a pass starts, and how several triggers combine.")
        ScalingStrategy scalingStrategy,
        @Required @Size(min = 1) @JsonPropertyDescription("The event sources to scale on.")
        List<ScaleTrigger> triggers) {

    public static final int DEFAULT_POLLING_INTERVAL = 30;

    public ScaledJobSpec {
        triggers = triggers == null ? List.of() : triggers;
    }

    public int pollingIntervalOrDefault() {
        return pollingInterval == null ? DEFAULT_POLLING_INTERVAL : pollingInterval;
    }

    /**
     * {@code rollout}: {@code strategy} {@code immediate} (the default: Jobs of an older generation are deleted when
     * the ScaledJob changes) or {@code gradual} (they run to their end); {@code propagationPolicy} of that deletion,
     * {@code background} (default) or {@code foreground}.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Rollout(Strategy strategy, PropagationPolicy propagationPolicy) {

        /** KEDA's rollout strategies. */
        public enum Strategy {
            @JsonProperty("gradual") GRADUAL,
            @JsonProperty("immediate") IMMEDIATE
        }

        /** How the Jobs of an older generation are deleted. */
        public enum PropagationPolicy {
            @JsonProperty("foreground") FOREGROUND,
            @JsonProperty("background") BACKGROUND
        }
    }

    /**
     * {@code scalingStrategy}.
     *
     * @param strategy {@code default}, {@code custom}, {@code accurate} or {@code eager}
     * @param customScalingRunningJobPercentage a float written as a string; {@code custom} only
     * @param pendingPodConditions a Job is pending until one of its pods has all these conditions True
     * @param multipleScalersCalculation {@code max} (default), {@code min}, {@code avg} or {@code sum}
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ScalingStrategy(
            Strategy strategy,
            Integer customScalingQueueLengthDeduction,
            String customScalingRunningJobPercentage,
            List<String> pendingPodConditions,
            Calculation multipleScalersCalculation) {

        /** KEDA's four scaling strategies. */
        public enum Strategy {
            @JsonProperty("default") DEFAULT,
            @JsonProperty("custom") CUSTOM,
            @JsonProperty("accurate") ACCURATE,
            @JsonProperty("eager") EAGER
        }

        /** How the queues of several triggers combine. */
        public enum Calculation {
            @JsonProperty("min") MIN,
            @JsonProperty("avg") AVG,
            @JsonProperty("sum") SUM,
            @JsonProperty("max") MAX
        }
    }
}
