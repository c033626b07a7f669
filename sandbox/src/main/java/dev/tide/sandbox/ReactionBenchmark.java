package dev.tide.sandbox;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;

/**
 * The reaction benchmark: from one produced message to the {@code /scale} write (as the API server receives it) that
 * takes the workload from 0 to 1. Each trial waits until the workload is back at 0 with no lag, then waits a random
 * part of the polling interval, so the message lands anywhere in the scale loop's cycle. One warm-up trial comes
 * first and is not counted: it pays for the first lag read's connections and for the JIT.
 */
final class ReactionBenchmark {

    private final Environment env;
    private final PrintStream out;

    ReactionBenchmark(Environment env, PrintStream out) {
        this.env = env;
        this.out = out;
    }

    /** True when every trial saw an activation. */
    boolean run(int trials) {
        List<Long> millis = new ArrayList<>();
        java.util.Random random = new java.util.Random(42);
        Duration timeout = env.settings.scaling().pollingInterval().multipliedBy(10).plusSeconds(30);
        for (int trial = 0; trial <= trials; trial++) {
            if (!waitUntil(() -> replicas() == 0 && env.deployment().workload().runningPods() == 0, timeout)) {
                out.println("  trial " + trial + ": the workload did not return to 0; stopping");
                break;
            }
            // Past the cooldown's last Active=False write, at a random point of the polling cycle.
            park(Duration.ofMillis(500 + random.nextInt((int) Math.max(1, env.settings.scaling().pollingInterval().toMillis()))));
            int writesBefore = env.api.scaleWrites().size();
            Instant sent = env.producer.sendOne();
            if (!waitUntil(() -> activation(writesBefore).isPresent(), timeout)) {
                out.println("  trial " + trial + ": no activation within " + timeout.toSeconds() + " s");
                break;
            }
            long reaction = Duration.between(sent, activation(writesBefore).get().at()).toMillis();
            if (trial == 0) {
                out.printf(Locale.ROOT, "  warm-up: %4d ms (not counted)%n", reaction);
                continue;
            }
            millis.add(reaction);
            out.printf(Locale.ROOT, "  trial %2d: %4d ms%n", trial, reaction);
        }
        String result = summary(millis, trials);
        out.println(result);
        try {
            Files.createDirectories(env.runDir);
            Files.writeString(env.runDir.resolve("reaction.txt"), result + "\n" + millis + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return millis.size() == trials;
    }

    String summary(List<Long> millis, int trials) {
        if (millis.isEmpty()) {
            return "  reaction: no trial completed";
        }
        List<Long> sorted = millis.stream().sorted().toList();
        long goal = env.settings.scaling().pollingInterval().toMillis() + 200;
        long p99 = percentile(sorted, 99);
        return String.format(Locale.ROOT,
                "  reaction over %d/%d trials (pollingInterval %d ms): min %d, p50 %d, p90 %d, p99 %d, max %d ms; "
                        + "goal p99 <= %d ms: %s",
                millis.size(), trials, env.settings.scaling().pollingInterval().toMillis(), sorted.get(0),
                percentile(sorted, 50), percentile(sorted, 90), p99, sorted.get(sorted.size() - 1), goal,
                p99 <= goal ? "met" : "NOT met");
    }

    /** Nearest-rank percentile. */
    static long percentile(List<Long> sorted, int percent) {
        int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    private Optional<MockApiServer.ScaleWrite> activation(int writesBefore) {
        List<MockApiServer.ScaleWrite> writes = env.api.scaleWrites();
        return writes.subList(Math.min(writesBefore, writes.size()), writes.size()).stream()
                .filter(w -> w.deployment().equals(Settings.DEPLOYMENT) && w.replicas() > 0).findFirst();
    }

    private int replicas() {
        Integer replicas = env.client.apps().deployments().inNamespace(Settings.NAMESPACE).withName(Settings.DEPLOYMENT)
                .get().getSpec().getReplicas();
        return replicas == null ? 0 : replicas;
    }

    private static boolean waitUntil(java.util.function.BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            park(Duration.ofMillis(20));
        }
        return condition.getAsBoolean();
    }

    private static void park(Duration duration) {
        LockSupport.parkNanos(duration.toNanos());
    }
}
