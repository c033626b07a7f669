package dev.tide.scaler.api.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MetricNamesTest {

    @ParameterizedTest(name = "trigger {0}, name \"{1}\" -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            0 | azure-queue-orders                  | s0-azure-queue-orders
            1 | kafka-my-topic                      | s1-kafka-my-topic
            1 | kafka-my-group-topics               | s1-kafka-my-group-topics
            0 | prometheus                          | s0-prometheus
            2 | azure-queue-queue.with.dots         | s2-azure-queue-queue-with-dots
            3 | rabbitmq-vhost/queue                | s3-rabbitmq-vhost-queue
            0 | http://host:8080/metrics            | s0-http---host-8080-metrics
            4 | cpu-usage-90%                       | s4-cpu-usage-90-
            0 | sum(rate(x[1m]))                    | s0-sum-rate-x[1m]--
            12| kafka-Mixed_Case.Topic              | s12-kafka-Mixed_Case-Topic
            0 | ''                                  | s0-
            """)
    void buildsKedaMetricNames(int triggerIndex, String name, String expected) {
        assertThat(MetricNames.withIndex(triggerIndex, name)).isEqualTo(expected);
    }

    /** KEDA's own table for NormalizeString (pkg/util/normalize_string_test.go), plus characters it keeps. */
    @ParameterizedTest(name = "{0}: \"{1}\" -> \"{2}\"")
    @CsvSource(delimiter = '|', textBlock = """
            replaceAllSlash          | /input/                  | -input-
            replaceAllDot            | .input.                  | -input-
            replaceAllColon          | :input:                  | -input-
            replaceAllPercentage     | %input%                  | -input-
            replaceAllOpenedBracket  | (input(                  | -input-
            replaceAllClosedBracket  | )input)                  | -input-
            replaceCombinedString    | /.:%()input/.:%()        | ------input------
            keepsUnderscoreAndCase   | My_Queue                 | My_Queue
            keepsBracketsAndBraces   | a[b]{c}                  | a[b]{c}
            keepsSpacesAndHash       | a b#c                    | a b#c
            leavesCleanNameAlone     | orders                   | orders
            """)
    void normalizesLikeKeda(String caseName, String input, String expected) {
        assertThat(MetricNames.normalize(input)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "\"{0}\" -> trigger {1}")
    @CsvSource(delimiter = '|', textBlock = """
            s0-azure-queue-orders     | 0
            s1-kafka-my-topic         | 1
            s12-kafka-my-group-topics | 12
            s3-                       | 3
            s0-s1-nested              | 0
            s2147483647-max           | 2147483647
            """)
    void readsTheTriggerIndexBack(String metricName, int expectedIndex) {
        assertThat(MetricNames.triggerIndexOf(metricName)).contains(expectedIndex);
    }

    @ParameterizedTest(name = "\"{0}\" has no trigger index")
    @CsvSource(delimiter = '|', textBlock = """
            azure-queue-orders
            s-orders
            sx-orders
            s1
            S1-orders
            s01-orders
            s+1-orders
            s-1-orders
            s2147483648-too-large
            ' s1-orders'
            ''
            """)
    void refusesNamesWithoutAnIndexPrefix(String metricName) {
        assertThat(MetricNames.triggerIndexOf(metricName)).isEmpty();
    }

    @ParameterizedTest(name = "index {0} round-trips through \"{1}\"")
    @CsvSource(delimiter = '|', textBlock = """
            0  | kafka-orders
            7  | azure-queue-a.b
            42 | http://x:1/y
            """)
    void indexSurvivesARoundTrip(int triggerIndex, String name) {
        assertThat(MetricNames.triggerIndexOf(MetricNames.withIndex(triggerIndex, name))).contains(triggerIndex);
    }

    @Test
    void refusesANegativeTriggerIndex() {
        assertThatThrownBy(() -> MetricNames.withIndex(-1, "kafka-orders"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
    }
}
