package dev.tide.sandbox;

import dev.tide.keda.api.ScaleTrigger;
import dev.tide.keda.api.ScaledObject;
import dev.tide.replicas.ReplicaProposal;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What {@code --scenario combined} is for, checked on a run's {@link Report}: the HPA carried KEDA's four metrics for
 * kafka + cpu + cron + prometheus, the workload scaled above the cron trigger's desiredReplicas under load, and once
 * there it never went below them (the window is open for the whole run) and came back to them.
 */
final class CombinedVerdict {

    /** The HPA's metrics, as KEDA writes them: the External ones in trigger order, then the Resource one. */
    static final String KEDA_METRICS = "[s0-kafka-orders, s2-cron-…, s3-prometheus, cpu]";

    private CombinedVerdict() {
    }

    /** The largest {@code desiredReplicas} of the ScaledObject's cron triggers; 0 without one. */
    static int cronFloor(ScaledObject so) {
        if (so == null || so.getSpec() == null) {
            return 0;
        }
        return so.getSpec().triggers().stream().filter(t -> "cron".equals(t.type()))
                .map(ScaleTrigger::metadata).map(metadata -> metadata.getOrDefault("desiredReplicas", "0"))
                .mapToInt(CombinedVerdict::parse).max().orElse(0);
    }

    /** Whether one sync's metric list is KEDA's for the combined ScaledObject: {@link #KEDA_METRICS}. */
    static boolean kedasMetrics(List<String> metrics) {
        return metrics.size() == 4 && metrics.get(0).equals("s0-kafka-orders") && metrics.get(1).startsWith("s2-cron-")
                && metrics.get(2).equals("s3-prometheus") && metrics.get(3).equals("cpu");
    }

    /** The HPA's writes above the cron floor after the first message: the scale-ups under load. */
    static List<HpaLoop.Sync> scaleUpsAboveFloor(Report report) {
        Instant firstMessage = report.timeline().firstMessage().orElse(Instant.MAX);
        return report.writes().hpaSyncs().stream().filter(HpaLoop.Sync::written)
                .filter(sync -> !sync.at().isBefore(firstMessage))
                .filter(sync -> sync.decision().desiredReplicas() > sync.decision().currentReplicas())
                .filter(sync -> sync.decision().desiredReplicas() > report.cronFloor())
                .toList();
    }

    /** Empty when the run did what the scenario is for; otherwise the first thing it did not do. */
    static Optional<String> failure(Report report) {
        int floor = report.cronFloor();
        if (floor < 1) {
            return Optional.of("the ScaledObject has no cron trigger with desiredReplicas above 0");
        }
        List<List<String>> metrics = report.hpaMetrics();
        if (metrics.isEmpty() || !metrics.stream().allMatch(CombinedVerdict::kedasMetrics)) {
            return Optional.of("the HPA did not carry KEDA's metrics " + KEDA_METRICS + " at every sync: it carried "
                    + Report.describe(metrics));
        }
        List<Sample> samples = report.timeline().samples();
        Optional<Sample> reached = samples.stream().filter(s -> s.replicas().desired() >= floor).findFirst();
        if (reached.isEmpty()) {
            return Optional.of("the workload never reached the cron trigger's desiredReplicas " + floor);
        }
        if (scaleUpsAboveFloor(report).isEmpty()) {
            return Optional.of("the HPA never scaled above the cron floor of " + floor + " under load (peak "
                    + report.peakReplicas() + ")");
        }
        Optional<Sample> below = samples.stream().filter(s -> !s.at().isBefore(reached.get().at()))
                .filter(s -> s.replicas().desired() < floor).findFirst();
        Optional<MockApiServer.ScaleWrite> writeBelow = report.writes().scaleWrites().stream()
                .filter(w -> !w.at().isBefore(reached.get().at()) && w.replicas() < floor).findFirst();
        if (below.isPresent() || writeBelow.isPresent()) {
            int replicas = below.map(s -> s.replicas().desired()).orElseGet(() -> writeBelow.get().replicas());
            Instant at = below.map(Sample::at).orElseGet(() -> writeBelow.get().at());
            return Optional.of(String.format(Locale.ROOT, "the workload went below the cron floor of %d while the "
                    + "window was open: to %d at %.1fs", floor, replicas, seconds(report, at)));
        }
        int last = samples.get(samples.size() - 1).replicas().desired();
        if (last != floor) {
            return Optional.of("the workload did not come back to the cron floor of " + floor
                    + " before the run ended: it has " + last);
        }
        return Optional.empty();
    }

    /** The verdict's {@code RESULT: OK} line. */
    static String ok(Report report) {
        return "OK, " + report.cronFloor() + " (cron) -> " + report.peakReplicas() + " (load) -> " + report.cronFloor()
                + " (cron floor held)";
    }

    /** The summary's lines on the scaling: the floor, the scale-ups above it with what each metric asked, the way back. */
    static void print(Report report, PrintStream out) {
        int floor = report.cronFloor();
        report.timeline().samples().stream().filter(s -> s.replicas().desired() >= floor).findFirst().ifPresentOrElse(
                s -> out.printf(Locale.ROOT, "    cron floor %d: reached %.1f s into the run%n", floor, s.seconds()),
                () -> out.printf("    cron floor %d: never reached%n", floor));
        List<HpaLoop.Sync> ups = scaleUpsAboveFloor(report);
        out.printf("    scale-ups above the floor under load: %d%s%n", ups.size(), ups.isEmpty() ? ""
                : " (" + ups.stream().map(sync -> describe(report, sync)).collect(Collectors.joining("; ")) + ")");
        out.printf("    peak replicas: %d%n", report.peakReplicas());
        Optional<MockApiServer.ScaleWrite> back = ups.isEmpty() ? Optional.empty() : report.writes().scaleWrites()
                .stream().filter(w -> w.at().isAfter(ups.get(0).at()) && w.replicas() == floor).reduce((a, b) -> b);
        back.ifPresentOrElse(
                w -> out.printf(Locale.ROOT, "    back to the cron floor %d: %.1f s after the last message (%.1f s into "
                        + "the run)%n", floor, report.timeline().lastMessage()
                                .map(l -> Duration.between(l, w.at()).toMillis() / 1000.0).orElse(Double.NaN),
                        seconds(report, w.at())),
                () -> out.printf("    back to the cron floor %d: no%n", floor));
    }

    /** {@code 2->5 at 9.1s: s0-kafka-orders 6, s2-cron-… 2, s3-prometheus 5, cpu 3}: what each metric asked. */
    private static String describe(Report report, HpaLoop.Sync sync) {
        return String.format(Locale.ROOT, "%d->%d at %.1fs: %s", sync.decision().currentReplicas(),
                sync.decision().desiredReplicas(), seconds(report, sync.at()), sync.proposals().stream()
                        .map(p -> shortName(p.metricName()) + " " + (p.invalid() ? "invalid" : p.replicas()))
                        .collect(Collectors.joining(", ")));
    }

    private static String shortName(String metric) {
        return metric.startsWith("s2-cron-") ? "s2-cron" : metric;
    }

    private static double seconds(Report report, Instant at) {
        return Duration.between(report.timeline().start(), at).toMillis() / 1000.0;
    }

    private static int parse(String number) {
        try {
            return Integer.parseInt(number.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
