package dev.tide.replicas;

import dev.tide.scaler.api.MetricSpec;
import dev.tide.scaler.api.MetricTargetType;
import dev.tide.scaler.api.MilliValue;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The Horizontal Pod Autoscaler's desired-replica arithmetic for External metrics, reproduced so that Tide can
 * predict, simulate and explain what the HPA will do with the values it serves.
 *
 * <p>Follows Kubernetes' {@code replica_calculator.go} ({@code GetExternalPerPodMetricReplicas} for
 * {@code AverageValue}, {@code GetExternalMetricReplicas} for {@code Value}) and {@code horizontal.go}
 * ({@code computeReplicasForMetrics} for several metrics), including its float64 arithmetic over milli values:
 * the ratio is {@code (double) sumMillis / (double) targetMillis}, rounded up with {@code Math.ceil}, so results
 * match to the last ulp. Sums that overflow a {@code long} saturate, replica counts saturate at
 * {@code Integer.MAX_VALUE}, as in Kubernetes.
 *
 * <p>Stabilization windows, scaling policies and min/max bounds are applied after this; see {@link ReplicaBounds}.
 */
public final class HpaReplicaCalculator {

    private HpaReplicaCalculator() {
    }

    /**
     * The desired replica count over all of a target's External metrics: the largest valid proposal.
     *
     * <p>If every metric is invalid the HPA reports an error and keeps {@code spec.replicas}; if some are invalid
     * and the valid ones propose fewer than {@code spec.replicas}, it also keeps them (a missing metric must not
     * cause a scale-down). Scaling up on the valid ones is allowed.
     */
    public static ReplicaProposal desiredReplicas(List<MetricReading> readings, ScaleTargetState target,
            Tolerance tolerance) {
        Objects.requireNonNull(target, "target");
        int invalidCount = 0;
        ReplicaProposal firstInvalid = null;
        ReplicaProposal chosen = null;
        for (MetricReading reading : readings) {
            ReplicaProposal proposal = proposal(reading, target, tolerance);
            if (proposal.invalid()) {
                if (firstInvalid == null) {
                    firstInvalid = proposal;
                }
                invalidCount++;
            } else if (chosen == null || chosen.replicas() == 0 || proposal.replicas() > chosen.replicas()) {
                // Kubernetes' own condition (replicas == 0 || proposal > replicas): ties keep the first metric,
                // except that a later metric replaces a proposal of 0.
                chosen = proposal;
            }
        }
        int unchanged = target.specReplicas();
        if (invalidCount >= readings.size()) {
            String metricName = firstInvalid == null ? "" : firstInvalid.metricName();
            String firstError = firstInvalid == null ? "no metrics" : firstInvalid.detail();
            return new ReplicaProposal(metricName, unchanged, ReplicaReason.ALL_METRICS_INVALID,
                    invalidMetricsMessage(invalidCount, readings.size(), firstError));
        }
        if (invalidCount > 0 && chosen.replicas() < unchanged) {
            return new ReplicaProposal(firstInvalid.metricName(), unchanged,
                    ReplicaReason.INVALID_METRICS_PREVENT_SCALE_DOWN,
                    invalidMetricsMessage(invalidCount, readings.size(), firstInvalid.detail())
                            + "; valid metrics proposed " + chosen.replicas() + " from " + chosen.metricName());
        }
        return chosen;
    }

    /** The replica count one External metric proposes on its own. */
    public static ReplicaProposal proposal(MetricReading reading, ScaleTargetState target, Tolerance tolerance) {
        Objects.requireNonNull(reading, "reading");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(tolerance, "tolerance");
        MetricSpec spec = reading.spec();
        String name = spec.metricName();
        int unchanged = target.specReplicas();
        if (reading instanceof MetricReading.Failed failed) {
            return new ReplicaProposal(name, unchanged, ReplicaReason.METRIC_UNAVAILABLE, failed.error());
        }
        List<MilliValue> values = ((MetricReading.Sampled) reading).values();
        if (values.isEmpty()) {
            return new ReplicaProposal(name, unchanged, ReplicaReason.NO_METRIC_VALUES,
                    "no metrics returned from external metrics API");
        }
        if (spec.target().millis() == 0) {
            return new ReplicaProposal(name, unchanged, ReplicaReason.INVALID_TARGET,
                    "the " + spec.targetType().kubernetesName() + " target must be positive");
        }
        long usage = saturatedSum(values);
        return spec.targetType() == MetricTargetType.AVERAGE_VALUE
                ? averageValue(name, usage, spec.target().millis(), target.statusReplicas(), tolerance)
                : value(name, usage, spec.target().millis(), target, tolerance);
    }

    /** {@code GetExternalPerPodMetricReplicas}: compares with the target per existing replica. */
    private static ReplicaProposal averageValue(String name, long usage, long targetMillis, int statusReplicas,
            Tolerance tolerance) {
        double usageRatio = (double) usage / ((double) targetMillis * (double) statusReplicas);
        if (tolerance.isWithin(usageRatio)) {
            return new ReplicaProposal(name, statusReplicas, ReplicaReason.WITHIN_TOLERANCE,
                    withinTolerance(usageRatio, tolerance, statusReplicas));
        }
        int replicas = saturatedReplicas(Math.ceil((double) usage / (double) targetMillis));
        return new ReplicaProposal(name, replicas, ReplicaReason.AVERAGE_VALUE, String.format(Locale.ROOT,
                "usage ratio %s outside %s: ceil(%dm / %dm) = %d",
                ratio(usageRatio), interval(tolerance), usage, targetMillis, replicas));
    }

    /** {@code GetExternalMetricReplicas} and {@code getUsageRatioReplicaCount}. */
    private static ReplicaProposal value(String name, long usage, long targetMillis, ScaleTargetState target,
            Tolerance tolerance) {
        double usageRatio = (double) usage / (double) targetMillis;
        int current = target.specReplicas();
        if (current == 0) {
            // Scale from zero (behind the HPAScaleToZero gate): neither pods nor tolerance count.
            int replicas = saturatedReplicas(Math.ceil(usageRatio));
            return new ReplicaProposal(name, replicas, ReplicaReason.VALUE_FROM_ZERO_REPLICAS, String.format(
                    Locale.ROOT, "no current replicas: ceil(%dm / %dm) = %d", usage, targetMillis, replicas));
        }
        if (tolerance.isWithin(usageRatio)) {
            return new ReplicaProposal(name, current, ReplicaReason.WITHIN_TOLERANCE,
                    withinTolerance(usageRatio, tolerance, current));
        }
        if (target.matchedPods() == 0) {
            return new ReplicaProposal(name, current, ReplicaReason.NO_PODS_MATCHED,
                    "unable to calculate ready pods: no pods returned by selector while calculating replica count");
        }
        double scaled = usageRatio * (double) target.readyPods();
        int replicas = scaled > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) Math.ceil(scaled);
        return new ReplicaProposal(name, replicas, ReplicaReason.VALUE_TIMES_READY_PODS, String.format(Locale.ROOT,
                "usage ratio %s (%dm / %dm) outside %s: ceil(ratio × %d ready pods) = %d",
                ratio(usageRatio), usage, targetMillis, interval(tolerance), target.readyPods(), replicas));
    }

    /** Kubernetes caps an overflowing sum at {@code MaxInt64} rather than wrapping. */
    private static long saturatedSum(List<MilliValue> values) {
        long sum = 0;
        for (MilliValue value : values) {
            if (sum > Long.MAX_VALUE - value.millis()) {
                return Long.MAX_VALUE;
            }
            sum += value.millis();
        }
        return sum;
    }

    private static int saturatedReplicas(double ceiled) {
        // Java's narrowing saturates (and maps NaN to 0) where Go's int32() conversion is undefined.
        return ceiled > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) ceiled;
    }

    private static String withinTolerance(double usageRatio, Tolerance tolerance, int replicas) {
        return "usage ratio " + ratio(usageRatio) + " within " + interval(tolerance) + ": keep " + replicas;
    }

    private static String invalidMetricsMessage(int invalid, int total, String firstError) {
        return "invalid metrics (" + invalid + " invalid out of " + total + "), first error is: " + firstError;
    }

    private static String ratio(double usageRatio) {
        return String.format(Locale.ROOT, "%.4f", usageRatio);
    }

    private static String interval(Tolerance tolerance) {
        return String.format(Locale.ROOT, "[%s, %s]", 1.0 - tolerance.scaleDown(), 1.0 + tolerance.scaleUp());
    }
}
