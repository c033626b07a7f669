package dev.tide.replicas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReplicaBoundsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # case                                       | min | max | desired    | replicas | condition reason
            inside the range stays                       | 1   | 10  | 4          | 4        | DesiredWithinRange
            on the minimum stays                         | 1   | 10  | 1          | 1        | DesiredWithinRange
            on the maximum stays                         | 1   | 10  | 10         | 10       | DesiredWithinRange
            0 from an empty queue is lifted to min 1     | 1   | 10  | 0          | 1        | TooFewReplicas
            below min 3 is lifted to 3                   | 3   | 10  | 2          | 3        | TooFewReplicas
            above max 10 is capped at 10                 | 1   | 10  | 16         | 10       | TooManyReplicas
            a saturated proposal is capped at max 100    | 1   | 100 | 2147483647 | 100      | TooManyReplicas
            min 0 (KEDA's own range) lets 0 through      | 0   | 5   | 0          | 0        | DesiredWithinRange
            """)
    void clampsLikeTheHpa(String caseName, int min, int max, int desired, int expected, String conditionReason) {
        ReplicaBounds.Bounded bounded = new ReplicaBounds(min, max).clamp(desired);

        assertThat(bounded.replicas()).isEqualTo(expected);
        assertThat(bounded.limit().conditionReason()).isEqualTo(conditionReason);
        assertThat(bounded.limit().limited()).isEqualTo(expected != desired);
    }

    @ParameterizedTest(name = "min {0}, max {1} is refused")
    @CsvSource({"-1, 5", "5, 4", "0, 0"})
    void refusesImpossibleBounds(int min, int max) {
        assertThatThrownBy(() -> new ReplicaBounds(min, max)).isInstanceOf(IllegalArgumentException.class);
    }
}
