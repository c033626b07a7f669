package dev.tide.controller.sources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tide.scaler.api.MetricValue;
import dev.tide.scaler.api.Scaler;
import dev.tide.scaler.api.ScalerException;
import dev.tide.scaler.api.ScalerSample;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Scalers that answer from memory (SPI 1.7): read on the loop's own thread, and what happens when one breaks that promise. */
class InlineReadsTest {

    final SourceGuardsTest fixture = new SourceGuardsTest();
    final Queue<String> threads = new ConcurrentLinkedQueue<>();

    @AfterEach
    void close() {
        fixture.close();
    }

    CompletableFuture<ScalerSample> sample(String source, Scaler scaler) {
        return fixture.sample(SourceGuardsTest.trigger("memory", Map.of("source", source), Map.of()), scaler);
    }

    /** A scaler that claims to answer from memory and records the thread of every call. */
    Scaler fromMemory(Supplier<ScalerSample> sample) {
        return SourceGuardsTest.scaler(sample, true, threads);
    }

    @Test
    void aScalerThatAnswersFromMemoryIsReadOnTheCallersThreadAndTheReadIsCompleteWhenItReturns() {
        CompletableFuture<ScalerSample> read = sample("cron", fromMemory(() -> ScalerSample.of(MetricValue.of("s0-m", 4), true)));

        assertThat(read).isCompleted();
        assertThat(read.join().active()).isTrue();
        assertThat(threads).containsExactly(Thread.currentThread().getName());
    }

    @Test
    void aFailedReadFromMemoryIsRetriedOnceOnASamplerThreadNeverOnTheScheduler() {
        CompletableFuture<ScalerSample> read = sample("bad-zone", fromMemory(() -> {
            throw new ScalerException("unable to load timezone");
        }));

        assertThat(read).failsWithin(Duration.ofSeconds(2)).withThrowableThat().withMessageContaining("unable to load timezone");
        assertThat(threads).hasSize(2);
        assertThat(threads.peek()).isEqualTo(Thread.currentThread().getName());
        assertThat(List.copyOf(threads).get(1)).startsWith("tide-sampler");
    }

    @Test
    void aScalerThatBreaksThePromiseIsInterruptedAtItsTimeoutAndItsConnectionIsThenReadOnSamplerThreads() {
        AtomicInteger interrupted = new AtomicInteger();
        Scaler liar = fromMemory(SourceGuardsTest.blocksUntilInterrupted(interrupted));

        CompletableFuture<ScalerSample> first = CompletableFuture.supplyAsync(() -> sample("liar", liar).join());
        await().atMost(Duration.ofSeconds(2)).until(() -> interrupted.get() == 1);
        assertThat(first).succeedsWithin(Duration.ofSeconds(1));

        threads.clear();
        assertThat(sample("liar", liar)).failsWithin(Duration.ofSeconds(2));
        assertThat(threads).isNotEmpty().allSatisfy(thread -> assertThat(thread).startsWith("tide-sampler"));
    }

    @Test
    void anInterruptMeantForAReadFromMemoryNeverReachesTheLoopThreadsNextTask() {
        Scaler slowButHonest = fromMemory(() -> {
            long end = System.nanoTime() + Duration.ofMillis(500).toNanos();
            while (System.nanoTime() < end) {
                Thread.onSpinWait();
            }
            return ScalerSample.of(MetricValue.of("s0-m", 1), true);
        });

        boolean interruptedAfter = CompletableFuture.supplyAsync(() -> {
            sample("spinning", slowButHonest).join();
            return Thread.currentThread().isInterrupted();
        }).join();

        assertThat(interruptedAfter).isFalse();
    }

    @Test
    void anInterruptFromElsewhereDuringAReadFromMemoryStaysSetForTheLoopThread() {
        Scaler interruptedMeanwhile = fromMemory(() -> {
            // As the pool's shutdownNow() would interrupt the worker in the middle of the read.
            Thread.currentThread().interrupt();
            return ScalerSample.of(MetricValue.of("s0-m", 1), true);
        });

        boolean interruptedAfter = CompletableFuture.supplyAsync(() -> {
            sample("shutting-down", interruptedMeanwhile).join();
            return Thread.interrupted();
        }).join();

        assertThat(interruptedAfter).isTrue();
    }
}
