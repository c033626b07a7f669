package dev.tide.replicas.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tide.replicas.jobs.JobHistory.FinishedJob;
import dev.tide.replicas.jobs.JobQueue.Demand;
import dev.tide.replicas.jobs.JobQueue.ScalerQueue;
import dev.tide.replicas.jobs.PendingJobs.Pod;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * KEDA's ScaledJob tables ({@code pkg/scaling/executor/scale_jobs_test.go}, {@code pkg/scaling/scaledjob/metrics_test.go},
 * the ScaledJob cases of {@code scale_handler_test.go}; keda-breadth §3.7), row by row: same inputs, same numbers.
 */
class KedaScaledJobParityTest {

    private static final OptionalDouble NO_PERCENTAGE = OptionalDouble.empty();

    static Stream<Arguments> effectiveMaxScale() {
        JobStrategy defaults = JobStrategy.of("default", null, NO_PERCENTAGE);
        JobStrategy custom = JobStrategy.of("custom", 1, OptionalDouble.of(0.5));
        JobStrategy customUnset = JobStrategy.of("custom", null, NO_PERCENTAGE);
        JobStrategy accurate = JobStrategy.of("accurate", 0, OptionalDouble.of(0));
        JobStrategy eager = JobStrategy.of("eager", 0, OptionalDouble.of(0));
        return Stream.of(
                // TestDefaultScalingStrategy
                row("default: 3 wanted, 2 running, max 5 -> 1", defaults, 3, 2, 0, 5, 1, 1, 1),
                row("default: 2 wanted, none running -> 2", defaults, 2, 0, 0, 5, 1, 2, 1),
                // TestCustomScalingStrategy
                row("custom 1 / 0.5: 3 wanted, 2 running -> 1", custom, 3, 2, 0, 5, 1, 1, 1),
                row("custom 1 / 0.5: 10 wanted, none running, max 10 -> 9", custom, 10, 0, 0, 10, 1, 9, 1),
                row("custom without its two parameters is default: 3, 2 -> 1", customUnset, 3, 2, 0, 5, 1, 1, 1),
                row("custom without its two parameters is default: 2, 0 -> 2", customUnset, 2, 0, 0, 5, 1, 2, 1),
                row("custom 2 / 0: 3 wanted, 2 running -> 1", JobStrategy.of("custom", 2, OptionalDouble.of(0)), 3, 2, 0, 5, 1, 1, 1),
                row("custom -2 / 0 is capped at the maximum 4", JobStrategy.of("custom", -2, OptionalDouble.of(0)), 3, 2, 0, 4, 1, 4, 1),
                // TestCustomScalingStrategyNilQueueLengthDeduction
                row("custom with no deduction and 0.5: 10 wanted, 2 running -> 9",
                        JobStrategy.of("custom", null, OptionalDouble.of(0.5)), 10, 2, 0, 100, 1, 9, 1),
                row("custom with no deduction and 0.5: 10 wanted, none running -> 10",
                        JobStrategy.of("custom", null, OptionalDouble.of(0.5)), 10, 0, 0, 100, 1, 10, 1),
                // TestAccurateScalingStrategy
                row("accurate: 3 wanted, 2 running, max 5 -> 3", accurate, 3, 2, 0, 5, 1, 3, 1),
                row("accurate: 5 wanted, 2 running, max 5 -> 3", accurate, 5, 2, 0, 5, 1, 3, 1),
                row("accurate: 3 wanted, 4 running, 2 pending, max 10 -> 1", accurate, 3, 4, 2, 10, 1, 1, 1),
                row("accurate: 5 wanted, 4 running, 2 pending, max 5 -> 1", accurate, 5, 4, 2, 5, 1, 1, 1),
                row("accurate: 3 wanted, 3 running, 3 pending -> 0", accurate, 3, 3, 3, 5, 1, 0, 1),
                row("accurate: 15 wanted, 15 running, 15 pending, max 20 -> 0", accurate, 15, 15, 15, 20, 1, 0, 1),
                row("accurate: 10 wanted, 10 running, 10 pending, max 15 -> 0", accurate, 10, 10, 10, 15, 1, 0, 1),
                row("accurate: 20 wanted, 15 running, 10 pending, max 20 -> 5", accurate, 20, 15, 10, 20, 1, 5, 1),
                // TestEagerScalingStrategy: scaleTo is always the maximum
                row("eager: 4 wanted, 3 running, max 10 -> 4, scale to 10", eager, 4, 3, 0, 10, 1, 4, 10),
                row("eager: 4 wanted, 3 pending -> 4", eager, 4, 0, 3, 10, 1, 4, 10),
                row("eager: 4 wanted, 7 running -> 3", eager, 4, 7, 0, 10, 1, 3, 10),
                row("eager: 4 wanted, 1 running, 6 pending -> 3", eager, 4, 1, 6, 10, 1, 3, 10),
                row("eager: 15 wanted, max 10 -> 10", eager, 15, 0, 0, 10, 1, 10, 10));
    }

    static Arguments row(String sentence, JobStrategy strategy, long maxScale, long running, long pending, long max, long scaleTo,
            long expectedMax, long expectedScaleTo) {
        return Arguments.of(sentence, strategy, maxScale, running, pending, max, scaleTo, expectedMax, expectedScaleTo);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("effectiveMaxScale")
    void limitsNewJobsAsKedasStrategiesDo(String sentence, JobStrategy strategy, long maxScale, long running, long pending,
            long max, long scaleTo, long expectedMax, long expectedScaleTo) {
        assertThat(strategy.limit(maxScale, running, pending, max, scaleTo))
                .isEqualTo(new JobStrategy.Limit(expectedMax, expectedScaleTo));
    }

    /** TestNewNewScalingStrategy and the empty-percentage row of TestCustomScalingStrategy. */
    static Stream<Arguments> strategies() {
        return Stream.of(
                Arguments.of("custom with a percentage", "custom", 10, OptionalDouble.of(0), JobStrategy.Custom.class),
                Arguments.of("accurate", "accurate", 0, OptionalDouble.of(0), JobStrategy.Accurate.class),
                Arguments.of("default without parameters", "default", null, NO_PERCENTAGE, JobStrategy.Default.class),
                Arguments.of("default with parameters", "default", 0, OptionalDouble.of(0), JobStrategy.Default.class),
                Arguments.of("eager", "eager", 0, OptionalDouble.of(0), JobStrategy.Eager.class),
                Arguments.of("custom with an empty percentage is default", "custom", 1, NO_PERCENTAGE, JobStrategy.Default.class),
                Arguments.of("an unknown strategy is default", "fastest", null, NO_PERCENTAGE, JobStrategy.Default.class),
                Arguments.of("no strategy is default", null, null, NO_PERCENTAGE, JobStrategy.Default.class));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("strategies")
    void picksTheStrategyAsKedaDoes(String sentence, String spelling, Integer deduction, OptionalDouble percentage,
            Class<? extends JobStrategy> expected) {
        assertThat(JobStrategy.of(spelling, deduction, percentage)).isInstanceOf(expected);
    }

    /** TestRunningJobCount*: below the minimum, the gap to it; at or above, the strategy. */
    static Stream<Arguments> decisions() {
        return Stream.of(
                Arguments.of("min 2, none running: 2 to reach the minimum", 2, 0, 0, 0, 2L, 2L),
                Arguments.of("min 2, one running: 1 to reach the minimum", 2, 1, 0, 0, 1L, 1L),
                Arguments.of("min 1, one running, 2 wanted: the strategy's 2", 1, 1, 2, 2, 2L, 2L));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("decisions")
    void startsFromTheMinimumAsKedaDoes(String sentence, int min, long running, long scaleTo, long maxScale, long expectedMax,
            long expectedScaleTo) {
        JobPlan plan = JobPlan.decide(new JobStrategy.Default(), JobBounds.of(min, null), new Demand(true, scaleTo, maxScale), running, 0);

        assertThat(plan.effectiveMaxScale()).isEqualTo(expectedMax);
        assertThat(plan.scaleTo()).isEqualTo(expectedScaleTo);
    }

    /** The ScaledJob state cases of scale_handler_test.go: scalers (queue, target, active), effective maximum 100. */
    static Stream<Arguments> combinations() {
        List<ScalerQueue> four = List.of(queue(20, 1, true), queue(10, 2, true), queue(5, 3, true), queue(7, 4, false));
        return Stream.of(
                Arguments.of("max: the longest active queue, 20 / 20", four, "max", 0, 100, new Demand(true, 20, 20)),
                Arguments.of("min: the shortest active queue, 5 / 2", four, "min", 0, 100, new Demand(true, 5, 2)),
                Arguments.of("avg: the active queues' mean, 12 / 9", four, "avg", 0, 100, new Demand(true, 12, 9)),
                Arguments.of("sum: the active queues' sum, 35 / 27", four, "sum", 0, 100, new Demand(true, 35, 27)),
                Arguments.of("sum capped by a maximum of 25: 35 / 25", four, "sum", 0, 25, new Demand(true, 35, 25)),
                Arguments.of("an unknown calculation is max", four, "median", 0, 100, new Demand(true, 20, 20)),
                Arguments.of("one queue of 20 at target 2 with min 1: 20 / 10", List.of(queue(20, 2, true)), "max", 1, 100,
                        new Demand(true, 20, 10)),
                Arguments.of("an empty queue with min 1 is active: 0 / 0", List.of(queue(0, 2, false)), "max", 1, 100,
                        new Demand(true, 0, 0)),
                Arguments.of("KEDA's max quirk: active triggers whose queues are all 0 leave it inactive",
                        List.of(queue(0, 1, true)), "max", 0, 100, new Demand(false, 0, 0)),
                Arguments.of("no active trigger: inactive, nothing wanted", List.of(queue(9, 1, false)), "sum", 0, 100,
                        new Demand(false, 0, 0)));
    }

    static ScalerQueue queue(double length, double target, boolean active) {
        return JobQueue.scaler(List.of(length), List.of(target), active, 100);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("combinations")
    void combinesTheTriggersQueuesAsKedaDoes(String sentence, List<ScalerQueue> scalers, String calculation, int min, int max,
            Demand expected) {
        JobBounds bounds = min == 0 ? new JobBounds(0, max) : JobBounds.of(min, null);

        assertThat(JobQueue.combine(scalers, ScalerCalculation.fromSpelling(calculation), bounds)).isEqualTo(expected);
    }

    /** TestTargetAverageValue. */
    static Stream<Arguments> averageTargets() {
        return Stream.of(
                Arguments.of(List.of(), 0.0),
                Arguments.of(List.of(1.0, 1.0), 1.0),
                Arguments.of(List.of(5.0, 5.0, 3.0), 4.333333333333333),
                Arguments.of(List.of(5.0, 5.0, 4.0), 4.666666666666667));
    }

    @ParameterizedTest(name = "the mean of {0} is {1}")
    @MethodSource("averageTargets")
    void averagesTheTargetsAsGoDoes(List<Double> targets, double expected) {
        assertThat(JobQueue.averageTarget(targets)).isEqualTo(expected);
    }

    /** ScaledJob.MinReplicaCount() and MaxReplicaCount(). */
    static Stream<Arguments> bounds() {
        return Stream.of(
                Arguments.of("nothing set: 0 and 100", null, null, new JobBounds(0, 100)),
                Arguments.of("min 2 without a max: 2 and 100, not 98", 2, null, new JobBounds(2, 100)),
                Arguments.of("min 2, max 10: 2 and 8", 2, 10, new JobBounds(2, 8)),
                Arguments.of("min above max: both the max", 12, 10, new JobBounds(10, 10)),
                Arguments.of("max 5 alone: 0 and 5", null, 5, new JobBounds(0, 5)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bounds")
    void boundsTheJobsAsKedaDoes(String sentence, Integer min, Integer max, JobBounds expected) {
        assertThat(JobBounds.of(min, max)).isEqualTo(expected);
    }

    /** TestCleanUpNormalCase, TestCleanUpMixedCaseWithSortByTime and the default limits. */
    static Stream<Arguments> cleanups() {
        List<FinishedJob> manyOfEach = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            manyOfEach.add(new FinishedJob("success-" + i, true, Instant.parse("2020-07-29T15:00:00Z").plusSeconds(i)));
            manyOfEach.add(new FinishedJob("fail-" + i, false, Instant.parse("2020-07-29T15:00:00Z").plusSeconds(i)));
        }
        return Stream.of(
                Arguments.of("limits 2 / 2, three successes: the oldest goes", List.of(
                        done("name1", true, "15:37"), done("name2", true, "15:36"), done("name3", true, "15:38")), 2, 2, List.of("name2")),
                Arguments.of("limits 1 / 2, three of each: two successes and one failure go", List.of(
                        done("success1", true, "15:37"), done("success2", true, "15:36"), done("success3", true, "15:35"),
                        done("fail1", false, "15:37"), done("fail2", false, "15:36"), done("fail3", false, "15:38")), 1, 2,
                        List.of("success3", "success2", "fail2")),
                Arguments.of("the default limits, 101 of each: the oldest of each goes", manyOfEach, JobHistory.DEFAULT_LIMIT,
                        JobHistory.DEFAULT_LIMIT, List.of("success-0", "fail-0")),
                Arguments.of("within the limits nothing goes", List.of(done("a", true, "15:00")), 1, 1, List.of()));
    }

    static FinishedJob done(String name, boolean succeeded, String time) {
        return new FinishedJob(name, succeeded, Instant.parse("2020-07-29T" + time + ":00Z"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cleanups")
    void trimsTheHistoryAsKedaDoes(String sentence, List<FinishedJob> finished, int successful, int failed, List<String> expected) {
        assertThat(JobHistory.toDelete(finished, successful, failed)).containsExactlyElementsOf(expected);
    }

    /** TestGetPendingJobCount and TestIsAnyPodRunningOrCompleted / TestAreAllPendingPodConditionsFulfilled. */
    static Stream<Arguments> pendings() {
        Pod readyScheduled = new Pod("Running", Set.of("Ready", "PodScheduled"));
        Pod scheduledOnly = new Pod("Pending", Set.of("PodScheduled"));
        List<String> readyAndScheduled = List.of("Ready", "PodScheduled");
        return Stream.of(
                Arguments.of("a Succeeded pod: not pending", List.of(new Pod("Succeeded", Set.of())), List.of(), false),
                Arguments.of("a Running pod: not pending", List.of(new Pod("Running", Set.of())), List.of(), false),
                Arguments.of("a Failed pod: pending", List.of(new Pod("Failed", Set.of())), List.of(), true),
                Arguments.of("a Pending pod: pending", List.of(new Pod("Pending", Set.of())), List.of(), true),
                Arguments.of("an Unknown pod: pending", List.of(new Pod("Unknown", Set.of())), List.of(), true),
                Arguments.of("no pod yet: pending", List.of(), List.of(), true),
                Arguments.of("one pod Ready and PodScheduled: not pending", List.of(readyScheduled), readyAndScheduled, false),
                Arguments.of("one pod only PodScheduled: pending", List.of(scheduledOnly), readyAndScheduled, true),
                Arguments.of("two pods, one with both: not pending", List.of(scheduledOnly, readyScheduled), readyAndScheduled, false),
                Arguments.of("three pods, none with both: pending", List.of(scheduledOnly, scheduledOnly, new Pod("Running", Set.of("Ready"))),
                        readyAndScheduled, true),
                Arguments.of("a condition listed twice is never fulfilled (KEDA counts the list)", List.of(readyScheduled),
                        List.of("Ready", "Ready"), true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pendings")
    void countsPendingJobsAsKedaDoes(String sentence, List<Pod> pods, List<String> conditions, boolean pending) {
        assertThat(PendingJobs.pending(pods, conditions)).isEqualTo(pending);
    }

    /** createJobs: only while active, never beyond the strategy's limit. */
    static Stream<Arguments> plans() {
        return Stream.of(
                Arguments.of("active, 2 wanted, room for 2: creates 2", true, 2, 2, 0, 2L),
                Arguments.of("active, 20 wanted, max 5: creates 5", true, 20, 5, 0, 5L),
                Arguments.of("active, 20 wanted, 5 running of max 5: creates none", true, 20, 5, 5, 0L),
                Arguments.of("inactive: creates none", false, 3, 3, 0, 0L));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("plans")
    void createsOnlyWhatTheQueueAndTheLimitAllow(String sentence, boolean active, long scaleTo, long maxScale, long running, long create) {
        Demand demand = new Demand(active, scaleTo, Math.min(maxScale, 5));
        assertThat(JobPlan.decide(new JobStrategy.Default(), JobBounds.of(null, 5), demand, running, 0).create()).isEqualTo(create);
    }
}
