package dev.tide.sandbox;

import dev.tide.replicas.HpaSync;
import dev.tide.replicas.ReplicaProposal;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What {@code --scenario cpu} is for, checked on a run's {@link Report}: the HPA scaled the workload up on cpu beyond
 * what its other metrics (the lag) asked at the same sync, and the workload came back to minReplicaCount.
 */
final class CpuVerdict {

    private CpuVerdict() {
    }

    /**
     * The HPA's writes that scaled up on cpu: computed from the metrics, cpu asked for more than every other metric
     * did, and the HPA went beyond what those asked.
     */
    static List<HpaLoop.Sync> scaleUpsOnCpu(List<HpaLoop.Sync> syncs) {
        return syncs.stream().filter(HpaLoop.Sync::written)
                .filter(sync -> sync.decision().outcome() == HpaSync.Outcome.COMPUTED)
                .filter(sync -> sync.decision().desiredReplicas() > sync.decision().currentReplicas())
                .filter(sync -> sync.decision().desiredReplicas() > othersAsked(sync))
                .filter(sync -> cpuAsked(sync).filter(cpu -> cpu > othersAsked(sync)).isPresent())
                .toList();
    }

    /** Empty when the run did what the scenario is for; otherwise the first thing it did not do. */
    static Optional<String> failure(Report report) {
        if (report.writes().hpaSyncs().stream().noneMatch(sync -> sync.metrics().stream().anyMatch(ResourceMetric::isCpu))) {
            return Optional.of("the HPA carried no cpu metric: it carried " + Report.describe(report.hpaMetrics()));
        }
        if (scaleUpsOnCpu(report.writes().hpaSyncs()).isEmpty()) {
            return Optional.of("the HPA never scaled up on cpu beyond what the lag alone asked (peak "
                    + report.peakReplicas() + ")");
        }
        List<Sample> samples = report.timeline().samples();
        int last = samples.get(samples.size() - 1).replicas().desired();
        if (last != report.minReplicaCount()) {
            return Optional.of("the workload did not return to minReplicaCount " + report.minReplicaCount()
                    + " before the run ended: it has " + last);
        }
        return Optional.empty();
    }

    /** The verdict's {@code RESULT: OK} line. */
    static String ok(Report report) {
        int lag = scaleUpsOnCpu(report.writes().hpaSyncs()).stream().mapToInt(CpuVerdict::othersAsked).max().orElse(0);
        return "OK, " + report.minReplicaCount() + " -> " + report.peakReplicas() + " -> " + report.minReplicaCount()
                + " on cpu (the lag alone asked for at most " + lag + ")";
    }

    /** The summary's lines on the scaling: the scale-ups on cpu, the peak, the way back. */
    static void print(Report report, PrintStream out) {
        List<HpaLoop.Sync> onCpu = scaleUpsOnCpu(report.writes().hpaSyncs());
        out.printf("    scale-ups on cpu beyond the lag: %d%s%n", onCpu.size(), onCpu.isEmpty() ? ""
                : " (" + onCpu.stream().map(sync -> describe(report, sync)).collect(Collectors.joining("; ")) + ")");
        out.printf("    peak replicas: %d%n", report.peakReplicas());
        Optional<MockApiServer.ScaleWrite> back = onCpu.isEmpty() ? Optional.empty() : report.writes().scaleWrites()
                .stream().filter(w -> w.at().isAfter(onCpu.get(0).at()) && w.replicas() == report.minReplicaCount())
                .reduce((a, b) -> b);
        back.ifPresentOrElse(
                w -> out.printf(Locale.ROOT, "    back to minReplicaCount %d: %.1f s after the last message (%.1f s into the run)%n",
                        report.minReplicaCount(), report.timeline().lastMessage()
                                .map(l -> Duration.between(l, w.at()).toMillis() / 1000.0).orElse(Double.NaN),
                        seconds(report, w.at())),
                () -> out.printf("    back to minReplicaCount %d: no%n", report.minReplicaCount()));
    }

    private static String describe(Report report, HpaLoop.Sync sync) {
        return String.format(Locale.ROOT, "%d->%d at %.1fs: cpu asked %d, %s", sync.decision().currentReplicas(),
                sync.decision().desiredReplicas(), seconds(report, sync.at()), cpuAsked(sync).orElse(0),
                sync.proposals().stream().filter(p -> !ResourceMetric.isCpu(p.metricName()))
                        .map(p -> p.metricName() + " " + p.replicas()).collect(Collectors.joining(", ")));
    }

    private static double seconds(Report report, Instant at) {
        return Duration.between(report.timeline().start(), at).toMillis() / 1000.0;
    }

    private static Optional<Integer> cpuAsked(HpaLoop.Sync sync) {
        return sync.proposals().stream().filter(p -> ResourceMetric.isCpu(p.metricName()) && !p.invalid())
                .map(ReplicaProposal::replicas).max(Integer::compare);
    }

    private static int othersAsked(HpaLoop.Sync sync) {
        return sync.proposals().stream().filter(p -> !ResourceMetric.isCpu(p.metricName()) && !p.invalid())
                .mapToInt(ReplicaProposal::replicas).max().orElse(0);
    }
}
