package dev.tide.replicas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HpaBehaviorCalculatorTest {

    static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");

    /**
     * Policies as {@code Pods 4/15 Percent 100/15} (value/period seconds), "default" for Kubernetes' defaults;
     * history entries as {@code value@-seconds}.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            # case                                              | cur | want | min | max | up window | up select | up policies             | down window | down select | down policies             | recommendations | up events | down events | replicas | stabilization       | limit
            a small scale-up within the defaults goes through   | 1   | 3    | 1   | 10  | 0         | Max       | default                 | 300         | Max         | default                   | -               | -         | -           | 3        | ReadyForNewScale    | DesiredWithinRange
            from 1 the defaults allow 4 pods more               | 1   | 10   | 1   | 10  | 0         | Max       | default                 | 300         | Max         | default                   | -               | -         | -           | 5        | ReadyForNewScale    | ScaleUpLimit
            from 10 the defaults allow doubling                 | 10  | 30   | 1   | 50  | 0         | Max       | default                 | 300         | Max         | default                   | -               | -         | -           | 20       | ReadyForNewScale    | ScaleUpLimit
            selectPolicy Min takes the smaller scale-up         | 10  | 30   | 1   | 50  | 0         | Min       | default                 | 300         | Max         | default                   | -               | -         | -           | 14       | ReadyForNewScale    | ScaleUpLimit
            a percentage scale-up is rounded up                 | 1   | 5    | 1   | 10  | 0         | Max       | Percent 10/15           | 300         | Max         | default                   | -               | -         | -           | 2        | ReadyForNewScale    | ScaleUpLimit
            scale-up Disabled keeps the count                   | 3   | 6    | 1   | 10  | 0         | Disabled  | default                 | 300         | Max         | default                   | -               | -         | -           | 3        | ReadyForNewScale    | ScaleUpLimit
            maxReplicas below the rate limit is the bound       | 2   | 8    | 1   | 5   | 0         | Max       | default                 | 300         | Max         | default                   | -               | -         | -           | 5        | ReadyForNewScale    | TooManyReplicas
            a recent scale-up uses up the period's allowance    | 5   | 8    | 1   | 10  | 0         | Max       | default                 | 300         | Max         | default                   | -               | 4@-5      | -           | 5        | ReadyForNewScale    | ScaleUpLimit
            a scale-up older than the period no longer counts   | 5   | 8    | 1   | 10  | 0         | Max       | default                 | 300         | Max         | default                   | -               | 4@-16     | -           | 8        | ReadyForNewScale    | DesiredWithinRange
            a scale-up window holds the lowest recent value     | 2   | 6    | 1   | 10  | 60        | Max       | default                 | 300         | Max         | default                   | 2@-30           | -         | -           | 2        | ScaleUpStabilized   | DesiredWithinRange
            a scale-up window ignores values before it          | 2   | 6    | 1   | 10  | 60        | Max       | default                 | 300         | Max         | default                   | 2@-61           | -         | -           | 6        | ReadyForNewScale    | DesiredWithinRange
            the scale-down window holds the highest recent value| 5   | 1    | 1   | 10  | 0         | Max       | default                 | 300         | Max         | default                   | 5@-100 3@-10    | -         | -           | 5        | ScaleDownStabilized | DesiredWithinRange
            after 300 s the scale-down goes through             | 5   | 1    | 1   | 10  | 0         | Max       | default                 | 300         | Max         | default                   | 5@-301          | -         | -           | 1        | ReadyForNewScale    | DesiredWithinRange
            within the window a lower high value is taken       | 8   | 1    | 1   | 10  | 0         | Max       | default                 | 300         | Max         | default                   | 4@-200 2@-10    | -         | -           | 4        | ScaleDownStabilized | DesiredWithinRange
            minReplicas bounds a 100 % scale-down               | 3   | 0    | 1   | 10  | 0         | Max       | default                 | 0           | Max         | default                   | -               | -         | -           | 1        | ReadyForNewScale    | TooFewReplicas
            one pod per minute limits the scale-down            | 5   | 1    | 1   | 10  | 0         | Max       | default                 | 0           | Max         | Pods 1/60                 | -               | -         | -           | 4        | ReadyForNewScale    | ScaleDownLimit
            a recent scale-down uses up the minute              | 5   | 1    | 1   | 10  | 0         | Max       | default                 | 0           | Max         | Pods 1/60                 | -               | -         | 1@-30       | 5        | ReadyForNewScale    | ScaleDownLimit
            a percentage scale-down is truncated                | 10  | 1    | 1   | 20  | 0         | Max       | default                 | 0           | Max         | Percent 15/60             | -               | -         | -           | 8        | ReadyForNewScale    | ScaleDownLimit
            scale-down Max takes the larger change              | 10  | 1    | 1   | 20  | 0         | Max       | default                 | 0           | Max         | Percent 50/60 Pods 1/60   | -               | -         | -           | 5        | ReadyForNewScale    | ScaleDownLimit
            scale-down Min takes the smaller change             | 10  | 1    | 1   | 20  | 0         | Max       | default                 | 0           | Min         | Percent 50/60 Pods 1/60   | -               | -         | -           | 9        | ReadyForNewScale    | ScaleDownLimit
            scale-down Disabled keeps the count                 | 10  | 1    | 1   | 20  | 0         | Max       | default                 | 0           | Disabled    | default                   | -               | -         | -           | 10       | ReadyForNewScale    | ScaleDownLimit
            no change stays as it is                            | 4   | 4    | 1   | 10  | 0         | Max       | default                 | 300         | Max         | default                   | 9@-10           | -         | -           | 4        | ReadyForNewScale    | DesiredWithinRange
            """)
    void appliesStabilizationPoliciesAndBoundsLikeTheHpa(String caseName, int current, int desired, int min, int max,
            int upWindow, String upSelect, String upPolicies, int downWindow, String downSelect, String downPolicies,
            String recommendations, String upEvents, String downEvents, int expected, String stabilization,
            String limit) {
        HpaBehavior behavior = new HpaBehavior(
                rules(upWindow, upSelect, upPolicies, ScalingRules.defaultScaleUp()),
                rules(downWindow, downSelect, downPolicies, ScalingRules.defaultScaleDown()));
        HpaHistory history = new HpaHistory(
                entries(recommendations).stream().map(e -> new HpaHistory.Recommendation(e.value(), e.at())).toList(),
                entries(upEvents).stream().map(e -> new HpaHistory.ScaleEvent(e.value(), e.at())).toList(),
                entries(downEvents).stream().map(e -> new HpaHistory.ScaleEvent(e.value(), e.at())).toList());

        HpaBehaviorCalculator.Normalized normalized = HpaBehaviorCalculator.normalize(behavior,
                new ReplicaBounds(min, max), current, desired, history, NOW);

        assertThat(normalized.replicas()).isEqualTo(expected);
        assertThat(normalized.stabilization().conditionReason()).isEqualTo(stabilization);
        assertThat(normalized.limit().conditionReason()).isEqualTo(limit);
        assertThat(normalized.history().recommendations()).contains(new HpaHistory.Recommendation(desired, NOW));
    }

    @Test
    void holdsAScaleDownForTheWholeDefaultWindowThenLetsItThrough() {
        ReplicaBounds bounds = new ReplicaBounds(1, 10);
        HpaHistory history = HpaBehaviorCalculator.normalize(HpaBehavior.DEFAULT, bounds, 1, 8, HpaHistory.EMPTY, NOW)
                .history().withScale(1, 5, NOW, HpaBehavior.DEFAULT);
        List<Integer> replicas = new ArrayList<>();
        int current = 5;
        // Every 15 s the metrics ask for 1 replica.
        for (int sync = 1; sync <= 21; sync++) {
            Instant at = NOW.plusSeconds(15L * sync);
            HpaBehaviorCalculator.Normalized normalized = HpaBehaviorCalculator.normalize(HpaBehavior.DEFAULT, bounds,
                    current, 1, history, at);
            history = normalized.history().withScale(current, normalized.replicas(), at, HpaBehavior.DEFAULT);
            current = normalized.replicas();
            replicas.add(current);
        }

        // The recommendation of 8 made at 0 s holds the count (capped by what exists) until it is 300 s old.
        assertThat(replicas.subList(0, 19)).containsOnly(5);
        assertThat(replicas.subList(20, 21)).containsExactly(1);
    }

    @Test
    void overwritesHistoryOlderThanBothWindowsInsteadOfGrowing() {
        HpaHistory history = HpaHistory.EMPTY;
        for (int minute = 0; minute < 60; minute++) {
            history = HpaBehaviorCalculator.normalize(HpaBehavior.DEFAULT, new ReplicaBounds(1, 10), 3, 3, history,
                    NOW.plus(Duration.ofMinutes(minute))).history();
        }

        // 300 s window: at most 5 recommendations of the last 5 minutes, plus the slot being reused.
        assertThat(history.recommendations()).hasSizeLessThanOrEqualTo(6);
    }

    @Test
    void recordsScaleEventsPerDirectionAndIgnoresNoChange() {
        HpaHistory history = HpaHistory.EMPTY.withScale(1, 5, NOW, HpaBehavior.DEFAULT)
                .withScale(5, 2, NOW, HpaBehavior.DEFAULT)
                .withScale(2, 2, NOW, HpaBehavior.DEFAULT);

        assertThat(history.scaleUpEvents()).containsExactly(new HpaHistory.ScaleEvent(4, NOW));
        assertThat(history.scaleDownEvents()).containsExactly(new HpaHistory.ScaleEvent(3, NOW));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a zero value                   | Pods    | 0 | 15
            a period under one second      | Pods    | 1 | 0
            a period over half an hour     | Percent | 1 | 1801
            """)
    void refusesPoliciesTheApiServerRefuses(String caseName, String type, int value, int periodSeconds) {
        assertThatThrownBy(() -> policy(type, value, periodSeconds)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesRulesWithoutPoliciesUnlessDisabled() {
        assertThatThrownBy(() -> new ScalingRules(Duration.ZERO, SelectPolicy.MAX, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new ScalingRules(Duration.ZERO, SelectPolicy.DISABLED, List.of()).policies()).isEmpty();
    }

    private static ScalingRules rules(int windowSeconds, String select, String policies, ScalingRules defaults) {
        List<ScalingPolicy> parsed = policies.equals("default") ? defaults.policies() : parsePolicies(policies);
        return new ScalingRules(Duration.ofSeconds(windowSeconds), SelectPolicy.valueOf(select.toUpperCase(Locale.ROOT)),
                parsed);
    }

    private static List<ScalingPolicy> parsePolicies(String text) {
        String[] words = text.trim().split("\\s+");
        List<ScalingPolicy> policies = new ArrayList<>();
        for (int i = 0; i < words.length; i += 2) {
            String[] valuePeriod = words[i + 1].split("/");
            policies.add(policy(words[i], Integer.parseInt(valuePeriod[0]), Integer.parseInt(valuePeriod[1])));
        }
        return policies;
    }

    private static ScalingPolicy policy(String type, int value, int periodSeconds) {
        return new ScalingPolicy(ScalingPolicy.Type.valueOf(type.toUpperCase(Locale.ROOT)), value,
                Duration.ofSeconds(periodSeconds));
    }

    private record Entry(int value, Instant at) {
    }

    private static List<Entry> entries(String cell) {
        if (cell == null || cell.isBlank()) {
            return List.of();
        }
        return Arrays.stream(cell.trim().split("\\s+")).map(word -> {
            String[] parts = word.split("@");
            return new Entry(Integer.parseInt(parts[0]), NOW.plusSeconds(Long.parseLong(parts[1])));
        }).toList();
    }
}
