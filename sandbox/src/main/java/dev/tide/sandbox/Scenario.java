package dev.tide.sandbox;

import dev.tide.keda.api.Condition;
import dev.tide.keda.api.EventReason;
import dev.tide.keda.api.KedaCondition;
import dev.tide.keda.api.ScaledObject;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Runs the load profile against a started {@link Environment}, samples the timeline, prints it and decides whether
 * the run went 0 → N → 0.
 */
final class Scenario {

    private static final Duration SAMPLE_EVERY = Duration.ofMillis(500);

    private final Environment env;
    private final PrintStream out;
    private final List<Sample> samples = new ArrayList<>();
    private final List<Transition> conditions = new ArrayList<>();
    private final Admin admin;

    /** A change of a ScaledObject condition seen by the timeline. */
    record Transition(double seconds, String type, String status, String reason) {
    }

    Scenario(Environment env, PrintStream out) {
        this.env = env;
        this.out = out;
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, env.bootstrapServers));
    }

    Report run() {
        try (admin) {
            Instant start = env.clock.instant();
            Instant deadline = start.plus(env.settings.maxDuration());
            Duration activeLength = env.settings.load().profile().activeLength();
            out.printf("%n  Profile: %s; consumers %s msg/s each; pollingInterval %ss, cooldown %ss%n%n",
                    env.settings.load().profile(), trim(env.settings.load().consumerRate()),
                    env.settings.scaling().pollingInterval().toSeconds(), env.settings.scaling().cooldown().toSeconds());
            List<ScenarioKind.Topic> topics = env.settings.scenario().topics();
            if (topics.size() > 1) {
                int shares = topics.stream().mapToInt(ScenarioKind.Topic::share).sum();
                out.printf("  Messages per topic: %s%n%n", String.join(", ", topics.stream()
                        .map(t -> t.name() + " " + t.share() + "/" + shares).toList()));
            }
            // One topic: its lag; several: each one's lag and their sum, as the ScaledObject's formula adds them.
            String lagHeader = topics.size() == 1 ? "lag"
                    : "lag " + String.join("+", env.settings.scenario().topicNames());
            String lagColumn = "%" + Math.max(7, lagHeader.length()) + "s";
            out.printf("  %7s  %-22s %8s " + lagColumn + "  %-9s %-7s %s%n", "time", "phase", "produced", lagHeader,
                    "replicas", "active", "last decision (why)");
            env.producer.start(env.settings.load().profile());
            String lastLine = "";
            long nextPrint = 0;
            boolean wentUp = false;
            while (true) {
                Instant now = env.clock.instant();
                Sample sample = sample(start, now);
                samples.add(sample);
                wentUp |= sample.replicas().desired() > 0;
                String line = String.format(Locale.ROOT, "%-22s %8d " + lagColumn + "  %4d/%-4d %-7s %s",
                        sample.messages().phase(), sample.messages().produced(), sample.messages().lagText(),
                        sample.replicas().ready(), sample.replicas().desired(), sample.conditions().active(),
                        abbreviate(sample.decision(), 120));
                long elapsedMillis = Duration.between(start, now).toMillis();
                if (!line.equals(lastLine) && elapsedMillis >= nextPrint || elapsedMillis >= nextPrint + 5000) {
                    out.printf(Locale.ROOT, "  %6.1fs  %s%n", sample.seconds(), line);
                    out.flush();
                    lastLine = line;
                    nextPrint = elapsedMillis + 1000;
                }
                boolean profileDone = Duration.between(start, now).compareTo(activeLength) > 0
                        && env.producer.phase().equals("idle") && env.producer.sent() >= env.settings.load().profile().totalMessages();
                if (profileDone && wentUp && sample.replicas().desired() == 0 && sample.messages().lag() == 0) {
                    break;
                }
                if (now.isAfter(deadline)) {
                    break;
                }
                LockSupport.parkNanos(SAMPLE_EVERY.toNanos());
            }
            return Report.of(env, start, samples, conditions);
        }
    }

    private Sample sample(Instant start, Instant now) {
        Deployment deployment = env.client.apps().deployments().inNamespace(Settings.NAMESPACE)
                .withName(Settings.DEPLOYMENT).get();
        int replicas = deployment.getSpec().getReplicas() == null ? 0 : deployment.getSpec().getReplicas();
        ScaledObject so = env.client.resources(ScaledObject.class)
                .inNamespace(Settings.NAMESPACE).withName(Settings.SCALED_OBJECT).get();
        double seconds = Duration.between(start, now).toMillis() / 1000.0;
        String active = condition(so, KedaCondition.Type.ACTIVE, seconds);
        String ready = condition(so, KedaCondition.Type.READY, seconds);
        return new Sample(now, seconds, new Sample.Messages(env.producer.phase(), env.producer.sent(), lags()),
                new Sample.Replicas(replicas, env.workload.runningPods()), new Sample.Conditions(active, ready),
                lastDecision());
    }

    /** The condition's status, or "-" while the ScaledObject has none; notes each change as a {@link Transition}. */
    private String condition(ScaledObject so, KedaCondition.Type type, double seconds) {
        Optional<Condition> condition = so == null || so.getStatus() == null ? Optional.empty()
                : so.getStatus().condition(type.value());
        if (condition.isEmpty()) {
            return "-";
        }
        String value = String.valueOf(condition.get().status());
        String reason = String.valueOf(condition.get().reason());
        Optional<Transition> last = conditions.stream().filter(t -> t.type().equals(type.value()))
                .reduce((a, b) -> b);
        if (last.isEmpty() || !last.get().status().equals(value) || !last.get().reason().equals(reason)) {
            conditions.add(new Transition(seconds, type.value(), value, reason));
        }
        return value;
    }

    /** The newest of Tide's scale events and the HPA loop's writes. */
    private String lastDecision() {
        Optional<Event> tide = env.client.v1().events().inNamespace(Settings.NAMESPACE).list().getItems().stream()
                .filter(e -> EventReason.SCALE_TARGET_ACTIVATED.reason().equals(e.getReason())
                        || EventReason.SCALE_TARGET_DEACTIVATED.reason().equals(e.getReason()))
                .max(Comparator.comparing(Scenario::eventTime));
        Optional<HpaLoop.Sync> hpa = env.hpaLoop.syncs().stream().filter(HpaLoop.Sync::written).reduce((a, b) -> b);
        Instant tideAt = tide.map(Scenario::eventTime).orElse(Instant.MIN);
        Instant hpaAt = hpa.map(HpaLoop.Sync::at).orElse(Instant.MIN);
        if (tide.isEmpty() && hpa.isEmpty()) {
            return "-";
        }
        if (tideAt.isAfter(hpaAt)) {
            return "tide: " + tide.get().getMessage();
        }
        HpaLoop.Sync sync = hpa.get();
        return "hpa: " + sync.decision().currentReplicas() + " -> " + sync.decision().desiredReplicas() + " ("
                + sync.decision().message() + ")";
    }

    static Instant eventTime(Event event) {
        String time = event.getLastTimestamp() != null ? event.getLastTimestamp()
                : event.getEventTime() != null ? event.getEventTime().getTime()
                : event.getMetadata().getCreationTimestamp();
        try {
            return time == null ? Instant.MIN : Instant.parse(time);
        } catch (RuntimeException e) {
            return Instant.MIN;
        }
    }

    /**
     * Per topic, in the scenario's order: end offsets minus committed offsets; a partition without a commit counts
     * from 0, as offsetResetPolicy earliest. -1 for each when Kafka did not answer.
     */
    private List<Long> lags() {
        List<String> topics = env.settings.scenario().topicNames();
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(Settings.GROUP)
                    .partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
            for (String topic : topics) {
                for (int p = 0; p < env.settings.load().partitions(); p++) {
                    latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
                }
            }
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all().get();
            Map<String, Long> lags = new java.util.HashMap<>();
            for (var end : ends.entrySet()) {
                OffsetAndMetadata commit = committed.get(end.getKey());
                lags.merge(end.getKey().topic(), end.getValue().offset() - (commit == null ? 0 : commit.offset()),
                        Long::sum);
            }
            return topics.stream().map(topic -> lags.getOrDefault(topic, 0L)).toList();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Collections.nCopies(topics.size(), -1L);
        } catch (java.util.concurrent.ExecutionException e) {
            return Collections.nCopies(topics.size(), -1L);
        }
    }

    static String abbreviate(String text, int length) {
        return text.length() <= length ? text : text.substring(0, length - 1) + "…";
    }

    static String trim(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
