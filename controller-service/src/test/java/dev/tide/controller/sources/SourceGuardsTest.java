package dev.tide.controller.sources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tide.controller.config.LoopExecutors;
import dev.tide.controller.config.ScaleLoopProperties;
import dev.tide.scaler.api.ConnectionKey;
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
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** resilience4j per event-source connection: what a failing or hanging source costs, and what it does not. */
class SourceGuardsTest {

    final LoopExecutors executors = LoopExecutors.create(new ScaleLoopProperties(true, 1, 8, 8, 1));
    final CircuitBreakerRegistry breakers =
            CircuitBreakerRegistry.of(CircuitBreakerConfig.custom().slidingWindowSize(4).minimumNumberOfCalls(4).build());
    final SourceGuards guards = new SourceGuards(breakers,
            BulkheadRegistry.of(BulkheadConfig.custom().maxConcurrentCalls(2).maxWaitDuration(Duration.ZERO).build()),
            RetryRegistry.of(RetryConfig.custom().maxAttempts(2).waitDuration(Duration.ofMillis(10)).build()),
            executors.samplers(), executors.scheduler(), new SimpleMeterRegistry());

    @AfterEach
    void close() {
        executors.close();
    }

    static TriggerConfig trigger(String type, Map<String, String> metadata, Map<String, String> auth) {
        return TriggerConfig.builder(type).metadata(metadata).authParams(auth).timeout(Duration.ofMillis(300)).build();
    }

    /** One guarded read, on the guard of the trigger's connection (every input counts, as for a plugin's default). */
    CompletableFuture<ScalerSample> sample(TriggerConfig config, Scaler scaler) {
        return guards.sample(guards.guard(ConnectionKey.ofAllInputs(config)), config, scaler, "s0-m");
    }

    static Scaler scaler(Supplier<ScalerSample> sample) {
        return scaler(sample, false, new ConcurrentLinkedQueue<>());
    }

    /** A scaler that may claim to answer from memory (SPI 1.7), recording the thread of every call in {@code threads}. */
    static Scaler scaler(Supplier<ScalerSample> sample, boolean fromMemory, Queue<String> threads) {
        return new Scaler() {
            @Override
            public List<MetricSpec> metricSpecs() {
                return List.of(new MetricSpec("s0-m", MetricTargetType.AVERAGE_VALUE, MilliValue.ofWhole(1)));
            }

            @Override
            public ScalerSample sample(String metricName) {
                threads.add(Thread.currentThread().getName());
                return sample.get();
            }

            @Override
            public boolean answersFromMemory() {
                return fromMemory;
            }

            @Override
            public void close() {
            }
        };
    }

    /** Reads that block until interrupted, counting the interrupts, then answer 1. */
    static Supplier<ScalerSample> blocksUntilInterrupted(AtomicInteger interrupted) {
        CountDownLatch never = new CountDownLatch(1);
        return () -> {
            try {
                never.await();
            } catch (InterruptedException e) {
                interrupted.incrementAndGet();
            }
            return ScalerSample.of(MetricValue.of("s0-m", 1), true);
        };
    }

    @Test
    void aConnectionHoldsNoCircuitBreakerBulkheadOrRetryUntilItsFirstReadAsOnAReplicaThatDoesNotDriveIt() {
        TriggerConfig config = trigger("plugin", Map.of("url", "standby"), Map.of());
        SourceGuards.Guard guard = guards.guard(ConnectionKey.ofAllInputs(config));
        assertThat(guard.resolved()).isFalse();
        assertThat(breakers.getAllCircuitBreakers()).isEmpty();

        assertThat(guards.sample(guard, config, scaler(() -> ScalerSample.of(MetricValue.of("s0-m", 1), true)), "s0-m"))
                .succeedsWithin(Duration.ofSeconds(2));
        assertThat(guard.resolved()).isTrue();
        assertThat(breakers.getAllCircuitBreakers()).extracting(CircuitBreaker::getName).containsExactly(guard.cluster());
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
            assertThat(sample(config, failing)).failsWithin(Duration.ofSeconds(2));
        }
        assertThat(calls).hasValue(4);
        assertThat(sample(config, failing)).failsWithin(Duration.ofSeconds(2))
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
                assertThat(sample(slow, hanging)).failsWithin(Duration.ofSeconds(2));
            }
            assertThat(hung.get()).isLessThanOrEqualTo(2);
            assertThat(sample(trigger("plugin", Map.of("url", "fine"), Map.of()), healthy))
                    .succeedsWithin(Duration.ofMillis(500)).extracting(ScalerSample::active).isEqualTo(true);
        } finally {
            hang.countDown();
        }
    }

    @Test
    void aBurstLargerThanTheBulkheadWaitsForPermitsWithoutThreadsAndIsServedInTurn() {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        Scaler busy = scaler(() -> {
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                // Work that answers, well within the 300 ms timeout: the connection is busy, not hanging.
                new CountDownLatch(1).await(20, java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                running.decrementAndGet();
            }
            return ScalerSample.of(MetricValue.of("s0-m", 1), true);
        });
        TriggerConfig config = trigger("plugin", Map.of("url", "busy"), Map.of());
        List<CompletableFuture<ScalerSample>> burst = java.util.stream.IntStream.range(0, 10).mapToObj(i -> sample(config, busy)).toList();
        assertThat(burst).allSatisfy(read -> assertThat(read).succeedsWithin(Duration.ofSeconds(2)));
        assertThat(most.get()).as("never more calls in flight than the bulkhead allows").isLessThanOrEqualTo(2);
    }

    @Test
    void aReadPastItsDeadlineIsInterruptedSoItsThreadIsFreed() {
        AtomicInteger interrupted = new AtomicInteger();
        Scaler blocking = scaler(blocksUntilInterrupted(interrupted));

        assertThat(sample(trigger("plugin", Map.of("url", "blocking"), Map.of()), blocking)).failsWithin(Duration.ofSeconds(2))
                .withThrowableThat().withRootCauseInstanceOf(TimeoutException.class);
        await().atMost(Duration.ofSeconds(2)).until(() -> interrupted.get() >= 1);
    }

    @Test
    void aSourceThatMissedADeadlineIsReadOneCallAtATimeUntilItAnswersInTime() {
        CountDownLatch hang = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        Scaler stubborn = scaler(() -> {
            calls.incrementAndGet();
            // Ignores interrupts, as a socket read without a timeout would.
            while (hang.getCount() > 0) {
                try {
                    hang.await();
                } catch (InterruptedException e) {
                    // keeps waiting
                }
            }
            return ScalerSample.of(MetricValue.of("s0-m", 1), true);
        });
        TriggerConfig config = trigger("plugin", Map.of("url", "stubborn"), Map.of());
        try {
            assertThat(sample(config, stubborn)).failsWithin(Duration.ofSeconds(2));
            for (int i = 0; i < 3; i++) {
                assertThat(sample(config, stubborn)).failsWithin(Duration.ofMillis(200)).withThrowableThat()
                        .withMessageContaining("has not returned after its deadline");
            }
            assertThat(calls).as("one thread held, however often it is polled").hasValue(1);
        } finally {
            hang.countDown();
        }
        await().atMost(Duration.ofSeconds(2))
                .until(() -> sample(config, scaler(() -> ScalerSample.of(MetricValue.of("s0-m", 3), true))).isDone());
    }
}
