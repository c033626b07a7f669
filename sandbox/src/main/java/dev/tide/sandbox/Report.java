package dev.tide.sandbox;

import dev.tide.keda.api.KedaApi;
import dev.tide.keda.api.ScaledObject;
import dev.tide.keda.api.ScaledObjectStatus;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a run shows afterwards: the summary, the verdict (0 → N → 0 or why not), and the timeline as CSV and SVG.
 *
 * @param runDir where the files are written
 * @param scenario what the run showed: its topics, and whether the HPA's one metric must be {@code composite-metric}
 * @param timeline what the run saw
 * @param writes what the run wrote
 * @param compositeScalerName the ScaledObject's {@code status.compositeScalerName} at the end of the run
 * @param minReplicaCount the ScaledObject's minReplicaCount: where the cpu scenario's workload rests
 * @param cronFloor the largest desiredReplicas of the ScaledObject's cron triggers (0 without one): where the combined
 *     scenario's workload rests while the window is open
 */
record Report(Path runDir, ScenarioKind scenario, Timeline timeline, Writes writes,
        Optional<String> compositeScalerName, int minReplicaCount, int cronFloor) implements RunReport {

    /**
     * @param start when the run started
     * @param firstMessage when the producer sent its first message
     * @param lastMessage when the samples first saw the producer's final count
     * @param samples the timeline's rows
     * @param conditions every change of a ScaledObject condition
     */
    record Timeline(Instant start, Optional<Instant> firstMessage, Optional<Instant> lastMessage, List<Sample> samples,
            List<ConditionLog.Transition> conditions) {
    }

    /**
     * @param scaleWrites every {@code /scale} write the API server received, in order
     * @param hpaSyncs every sync of the HPA loop
     */
    record Writes(List<MockApiServer.ScaleWrite> scaleWrites, List<HpaLoop.Sync> hpaSyncs) {
    }

    static Report of(Environment env, Instant start, List<Sample> samples, List<ConditionLog.Transition> conditions) {
        List<MockApiServer.ScaleWrite> writes = env.api.scaleWrites().stream()
                .filter(w -> w.deployment().equals(Settings.DEPLOYMENT)).toList();
        Instant first = env.producer.firstSend();
        Optional<Instant> last = samples.stream().filter(s -> s.messages().produced() > 0)
                .reduce((a, b) -> a.messages().produced() == b.messages().produced() ? a : b).map(Sample::at);
        ScaledObject so = env.client.resources(ScaledObject.class).inNamespace(Settings.NAMESPACE)
                .withName(Settings.SCALED_OBJECT).get();
        Optional<String> compositeScalerName = Optional.ofNullable(so).map(ScaledObject::getStatus)
                .map(ScaledObjectStatus::getCompositeScalerName);
        int minReplicaCount = so == null || so.getSpec() == null ? 0 : so.getSpec().minReplicaCountOrDefault();
        return new Report(env.runDir, env.settings.scenario(),
                new Timeline(start, Optional.ofNullable(first), last, List.copyOf(samples), List.copyOf(conditions)),
                new Writes(writes, env.deployment().hpaLoop().syncs()), compositeScalerName, minReplicaCount,
                CombinedVerdict.cronFloor(so));
    }

    /** Replica counts in the order they were written, with the count before each. */
    List<int[]> scaleEvents() {
        List<int[]> events = new ArrayList<>();
        int current = 0;
        for (MockApiServer.ScaleWrite write : writes.scaleWrites()) {
            if (write.replicas() != current) {
                events.add(new int[] {current, write.replicas()});
                current = write.replicas();
            }
        }
        return events;
    }

    /** The write that took the workload from 0 to at least 1 after the first message. */
    Optional<MockApiServer.ScaleWrite> activation() {
        int current = 0;
        Optional<Instant> firstMessage = timeline.firstMessage();
        for (MockApiServer.ScaleWrite write : writes.scaleWrites()) {
            if (current == 0 && write.replicas() > 0 && firstMessage.isPresent()
                    && !write.at().isBefore(firstMessage.get())) {
                return Optional.of(write);
            }
            current = write.replicas();
        }
        return Optional.empty();
    }

    /** The last write back to 0, after the activation. */
    Optional<MockApiServer.ScaleWrite> backToZero() {
        Optional<MockApiServer.ScaleWrite> activation = activation();
        if (activation.isEmpty()) {
            return Optional.empty();
        }
        return writes.scaleWrites().stream().filter(w -> w.at().isAfter(activation.get().at()) && w.replicas() == 0)
                .reduce((a, b) -> b);
    }

    int peakReplicas() {
        return Math.max(timeline.samples().stream().mapToInt(s -> s.replicas().desired()).max().orElse(0),
                writes.scaleWrites().stream().mapToInt(MockApiServer.ScaleWrite::replicas).max().orElse(0));
    }

    /**
     * Empty when the run went 0 → N → 0 with N ≥ 2 (the HPA took part), or for the cpu and combined scenarios did
     * what {@link CpuVerdict} and {@link CombinedVerdict} check; otherwise why not.
     */
    @Override
    public Optional<String> failure() {
        List<Sample> samples = timeline.samples();
        if (timeline.firstMessage().isEmpty()) {
            return Optional.of("no message was produced");
        }
        if (scenario.cpu()) {
            return CpuVerdict.failure(this);
        }
        if (scenario.combined()) {
            return CombinedVerdict.failure(this);
        }
        if (activation().isEmpty()) {
            return Optional.of("the workload was never activated from 0 after the first message");
        }
        if (peakReplicas() < 2) {
            return Optional.of("the HPA never scaled beyond 1 replica (peak " + peakReplicas() + ")");
        }
        if (backToZero().isEmpty() || samples.isEmpty() || samples.get(samples.size() - 1).replicas().desired() != 0) {
            return Optional.of("the workload did not return to 0 replicas before the run ended");
        }
        return scenario.compositeMetric() ? compositeFailure() : Optional.empty();
    }

    /** With scalingModifiers: empty when every HPA sync saw one metric, composite-metric, and the status names it. */
    private Optional<String> compositeFailure() {
        List<String> composite = List.of(KedaApi.COMPOSITE_METRIC_NAME);
        if (!hpaMetrics().equals(List.of(composite))) {
            return Optional.of("the HPA did not carry exactly one metric, " + KedaApi.COMPOSITE_METRIC_NAME
                    + ", at every sync: it carried " + describe(hpaMetrics()));
        }
        if (!compositeScalerName.equals(Optional.of(KedaApi.COMPOSITE_METRIC_NAME))) {
            return Optional.of("the ScaledObject's status.compositeScalerName is "
                    + compositeScalerName.orElse("not set") + ", not " + KedaApi.COMPOSITE_METRIC_NAME);
        }
        return Optional.empty();
    }

    /** The metric lists the HPA carried, in the order the HPA loop first saw each. */
    List<List<String>> hpaMetrics() {
        return writes.hpaSyncs().stream().map(HpaLoop.Sync::metrics).distinct().toList();
    }

    static String describe(List<List<String>> metrics) {
        return metrics.isEmpty() ? "nothing (no HPA sync)" : String.join(", then ", metrics.stream()
                .map(names -> names.isEmpty() ? "no metric" : "[" + String.join(", ", names) + "]").toList());
    }

    @Override
    public void print(PrintStream out) {
        out.println();
        out.println("  Summary");
        if (scenario.cpu()) {
            CpuVerdict.print(this, out);
        } else if (scenario.combined()) {
            CombinedVerdict.print(this, out);
        } else {
            printZeroToNToZero(out);
        }
        out.printf("    scale events: %d (%s)%n", scaleEvents().size(),
                String.join(", ", scaleEvents().stream().map(e -> e[0] + "->" + e[1]).toList()));
        out.printf("    HPA loop: %d syncs, %d writes%n", writes.hpaSyncs().size(),
                writes.hpaSyncs().stream().filter(HpaLoop.Sync::written).count());
        out.printf("    ScaledObject conditions: %s%n", ConditionLog.describe(timeline.conditions()));
        if (scenario.compositeMetric() || scenario.podCpu()) {
            out.printf("    HPA metrics: %s%n", describe(hpaMetrics()));
        }
        if (scenario.compositeMetric()) {
            out.printf("    status.compositeScalerName: %s%n", compositeScalerName.orElse("not set"));
        }
        out.printf("    files: %s (timeline.csv, timeline.svg, summary.txt, logs/, kubeconfig)%n", runDir.toAbsolutePath());
        out.println(failure().map(f -> "  RESULT: FAILED: " + f).orElse("  RESULT: "
                + (scenario.cpu() ? CpuVerdict.ok(this)
                        : scenario.combined() ? CombinedVerdict.ok(this) : "OK, 0 -> " + peakReplicas() + " -> 0")));
    }

    private void printZeroToNToZero(PrintStream out) {
        activation().ifPresentOrElse(
                a -> out.printf(Locale.ROOT, "    first message -> activation (/scale 0 -> %d): %d ms%n", a.replicas(),
                        Duration.between(timeline.firstMessage().get(), a.at()).toMillis()),
                () -> out.println("    activation: none"));
        out.printf("    peak replicas: %d%n", peakReplicas());
        backToZero().ifPresentOrElse(
                z -> out.printf(Locale.ROOT, "    back to zero: %.1f s after the last message (%.1f s into the run)%n",
                        timeline.lastMessage().map(l -> Duration.between(l, z.at()).toMillis() / 1000.0)
                                .orElse(Double.NaN),
                        Duration.between(timeline.start(), z.at()).toMillis() / 1000.0),
                () -> out.println("    back to zero: no"));
    }

    @Override
    public void write() {
        // With several topics, each one's lag follows the total.
        List<String> topics = scenario.topicNames();
        String topicColumns = topics.size() == 1 ? ""
                : topics.stream().map(topic -> "lag_" + topic + ",").collect(Collectors.joining());
        // The cpu scenario adds the pods' cpu utilization (empty while no pod reports).
        StringBuilder csv = new StringBuilder("time_s,phase,produced,lag," + topicColumns
                + "replicas,ready_pods," + (scenario.podCpu() ? "cpu_percent," : "") + "active,ready,decision\n");
        for (Sample s : timeline.samples()) {
            String topicLags = topics.size() == 1 ? ""
                    : s.messages().lags().stream().map(lag -> lag + ",").collect(Collectors.joining());
            String cpu = !scenario.podCpu() ? ""
                    : s.replicas().cpu().isPresent() ? s.replicas().cpu().getAsInt() + "," : ",";
            csv.append(String.format(Locale.ROOT, "%.3f,%s,%d,%d,%s%d,%d,%s%s,%s,\"%s\"%n", s.seconds(),
                    s.messages().phase(), s.messages().produced(), s.messages().lag(), topicLags,
                    s.replicas().desired(), s.replicas().ready(), cpu, s.conditions().active(), s.conditions().ready(),
                    s.decision().replace("\"", "\"\"")));
        }
        writeFiles(runDir, csv, Chart.svg("consumer lag (blue) and replicas (orange)",
                timeline.samples().stream().map(s -> new Chart.Point(s.seconds(), s.messages().lag(),
                        s.replicas().desired())).toList()));
    }
}
