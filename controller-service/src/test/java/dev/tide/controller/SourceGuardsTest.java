package dev.tide.controller;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tide.scaler.api.MetricSpec;
import dev.tide.scaler.api.MetricTargetType;
import dev.tide.scaler.api.MetricValue;
import dev.tide.scaler.api.MilliValue;
import dev.tide.scaler.api.Scaler;
import dev.tide.scaler.api.ScalerException;
import dev.tide.scaler.api.ScalerSample;
import dev.tide.scaler.api.TriggerConfig;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** resilience4j per event-source cluster: which triggers share a cluster, and what a bad cluster costs. */
class SourceGuardsTest {

    final ScalingConfiguration.LoopExecutors executors = ScalingConfiguration.LoopExecutors.create(new ScaleLoopProperties(true, 1, 8, 1));
    final SourceGuards guards = new SourceGuards(
            CircuitBreakerRegistry.of(CircuitBreakerConfig.custom().slidingWindowSize(4).minimumNumberOfCalls(4).build()),
            BulkheadRegistry.of(BulkheadConfig.custom().maxConcurrentCalls(2).maxWaitDuration(Duration.ZERO).build()),
            RetryRegistry.of(RetryConfig.custom().maxAttempts(2).waitDuration(Duration.ofMillis(10)).build()),
            executors.samplers(), executors.scheduler());

    @AfterEach
    void close() {
        executors.close();
    }

    static TriggerConfig trigger(String type, Map<String, String> metadata, Map<String, String> auth) {
        return TriggerConfig.builder(type).metadata(metadata).authParams(auth).timeout(Duration.ofMillis(300)).build();
    }

    static Stream<Arguments> clusters() {
        return Stream.of(
                Arguments.of("kafka: two topics on one broker share a cluster",
                        trigger("kafka", Map.of("bootstrapServers", "b:9092", "topic", "a"), Map.of()),
                        trigger("kafka", Map.of("bootstrapServers", "b:9092", "topic", "b"), Map.of()), true),
                Arguments.of("kafka: another broker is another cluster",
                        trigger("kafka", Map.of("bootstrapServers", "b:9092", "topic", "a"), Map.of()),
                        trigger("kafka", Map.of("bootstrapServers", "c:9092", "topic", "a"), Map.of()), false),
                Arguments.of("kafka: another credential is another cluster",
                        trigger("kafka", Map.of("bootstrapServers", "b:9092"), Map.of("password", "x")),
                        trigger("kafka", Map.of("bootstrapServers", "b:9092"), Map.of("password", "y")), false),
                Arguments.of("azure-queue: two queues of one account share a cluster",
                        trigger("azure-queue", Map.of("accountName", "acct", "queueName", "a"), Map.of()),
                        trigger("azure-queue", Map.of("accountName", "acct", "queueName", "b"), Map.of()), true),
                Arguments.of("unknown types: any metadata difference is another cluster",
                        trigger("plugin", Map.of("url", "u", "q", "a"), Map.of()),
                        trigger("plugin", Map.of("url", "u", "q", "b"), Map.of()), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clusters")
    void triggersShareAClusterOnlyWhenTheyReachTheSameSourceWithTheSameCredential(String name, TriggerConfig a,
            TriggerConfig b, boolean same) {
        assertThat(SourceGuards.clusterKey(a).equals(SourceGuards.clusterKey(b))).isEqualTo(same);
        assertThat(SourceGuards.clusterKey(a)).startsWith(a.type() + "-").doesNotContain("x", "password");
    }

    static Scaler scaler(Supplier<ScalerSample> sample) {
        return new Scaler() {
            @Override
            public List<MetricSpec> metricSpecs() {
                return List.of(new MetricSpec("s0-m", MetricTargetType.AVERAGE_VALUE, MilliValue.ofWhole(1)));
            }

            @Override
            public ScalerSample sample(String metricName) {
                return sample.get();
            }

            @Override
            public void close() {
            }
        };
    }

    @Test
    void aFailingClusterIsRetriedOnceThenItsBreakerOpensAndAnswersAtOnce() {
        AtomicInteger calls = new AtomicInteger();
        Scaler failing = scaler(() -> {
            calls.incrementAndGet();
            throw new ScalerException("down");
        });
        TriggerConfig config = trigger("plugin", Map.of("url", "dead"), Map.of());
        for (int i = 0; i < 2; i++) {
            assertThat(guards.sample(config, failing, "s0-m")).failsWithin(Duration.ofSeconds(2));
        }
        assertThat(calls).hasValue(4);
        assertThat(guards.sample(config, failing, "s0-m")).failsWithin(Duration.ofSeconds(2))
                .withThrowableThat().withMessageContaining("CircuitBreaker");
        assertThat(calls).hasValue(4);
    }

    @Test
    void aHangingClusterHoldsAtMostItsBulkheadAndOtherClustersAreAnsweredMeanwhile() {
        CountDownLatch hang = new CountDownLatch(1);
        AtomicInteger hung = new AtomicInteger();
        Scaler hanging = scaler(() -> {
            hung.incrementAndGet();
            try {
                hang.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return ScalerSample.of(MetricValue.of("s0-m", 1), true);
        });
        Scaler healthy = scaler(() -> ScalerSample.of(MetricValue.of("s0-m", 2), true));
        TriggerConfig slow = trigger("plugin", Map.of("url", "slow"), Map.of());
        try {
            for (int i = 0; i < 5; i++) {
                // Each read times out after 300 ms; the calls themselves keep hanging.
                assertThat(guards.sample(slow, hanging, "s0-m")).failsWithin(Duration.ofSeconds(2));
            }
            assertThat(hung.get()).isLessThanOrEqualTo(2);
            assertThat(guards.sample(trigger("plugin", Map.of("url", "fine"), Map.of()), healthy, "s0-m"))
                    .succeedsWithin(Duration.ofMillis(500)).extracting(ScalerSample::active).isEqualTo(true);
        } finally {
            hang.countDown();
        }
    }
}
