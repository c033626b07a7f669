package dev.tide.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SingleFlightTest {

    private final SingleFlight<String, Integer> flights = new SingleFlight<>();
    private final List<Thread> threads = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final ExecutorService pool = Executors.newFixedThreadPool(8, task -> {
        Thread thread = new Thread(task);
        threads.add(thread);
        return thread;
    });

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    @Test
    void concurrentIdenticalCallsShareOneExecution() throws Exception {
        AtomicInteger executions = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<SingleFlight.Outcome<Integer>> first = CompletableFuture.supplyAsync(
                () -> flights.execute("k", () -> {
                    executions.incrementAndGet();
                    waitFor(release);
                    return 42;
                }), pool);
        await().until(() -> executions.get() == 1);
        List<CompletableFuture<SingleFlight.Outcome<Integer>>> followers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            followers.add(CompletableFuture.supplyAsync(
                    () -> flights.execute("k", () -> executions.incrementAndGet() * 1000), pool));
        }
        // Every follower must be parked on the first call (WAITING; the first one waits with a timeout).
        await().until(() -> threads.stream().filter(t -> t.getState() == Thread.State.WAITING).count() == 5);
        release.countDown();

        assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo(new SingleFlight.Outcome<>(42, false));
        for (CompletableFuture<SingleFlight.Outcome<Integer>> follower : followers) {
            assertThat(follower.get(5, TimeUnit.SECONDS)).isEqualTo(new SingleFlight.Outcome<>(42, true));
        }
        assertThat(executions).hasValue(1);
    }

    @Test
    void aFailureReachesEveryWaiterAndIsNotKept() {
        assertThatThrownBy(() -> flights.execute("k", () -> {
            throw new IllegalStateException("source down");
        })).isInstanceOf(IllegalStateException.class).hasMessage("source down");

        assertThat(flights.execute("k", () -> 7)).isEqualTo(new SingleFlight.Outcome<>(7, false));
    }

    @Test
    void differentKeysRunSeparately() {
        assertThat(flights.execute("a", () -> 1).value()).isEqualTo(1);
        assertThat(flights.execute("b", () -> 2).value()).isEqualTo(2);
    }

    private static void waitFor(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
