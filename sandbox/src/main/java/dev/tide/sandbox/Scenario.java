package dev.tide.sandbox;

import dev.tide.keda.api.EventReason;
import dev.tide.keda.api.KedaCondition;
import dev.tide.keda.api.ScaledObject;
import dev.tide.keda.api.ScaledObjectStatus;
import dev.tide.scaler.api.MilliValue;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs the load profile against a started {@link Environment}, samples the timeline, prints it and decides whether
 * the run went 0 → N → 0.
 */
final class Scenario {

    static final Duration SAMPLE_EVERY = Duration.ofMillis(500);

    private final Environment env;
    private final PrintStream out;
    private final List<Sample> samples = new ArrayList<>();
    private final ConditionLog conditions = new ConditionLog();
    private final Lags lags;

    Scenario(Environment env, PrintStream out) {
        this.env = env;
        this.out = out;
        this.lags = new Lags(env.bootstrapServers, env.settings.scenario().topicNames(), env.settings.load().partitions());
    }

    /** How long the run waits for Tide's first reconcile of the ScaledObject before it starts the profile anyway. */
    static final Duration RECONCILE_WAIT = Duration.ofSeconds(30);

    Report run() {
        try (lags) {
            awaitFirstReconcile();
            Instant start = env.clock.instant();
            Instant deadline = start.plus(env.settings.maxDuration());
            out.printf("%n  Profile: %s; consumers %s msg/s each; pollingInterval %ss, cooldown %ss%n%n",
                    env.settings.load().profile(), trim(env.settings.load().consumerRate()),
                    env.settings.scaling().pollingInterval().toSeconds(), env.settings.scaling().cooldown().toSeconds());
            List<ScenarioKind.Topic> topics = env.settings.scenario().topics();
            if (topics.size() > 1) {
                int shares = topics.stream().mapToInt(ScenarioKind.Topic::share).sum();
                out.printf("  Messages per topic: %s%n%n", String.join(", ", topics.stream()
                        .map(t -> t.name() + " " + t.share() + "/" + shares).toList()));
            }
            boolean cpu = env.settings.scenario().podCpu();
            if (cpu) {
                out.printf(Locale.ROOT, "  Pod cpu: %s idle + %s x (messages processed / %s per s) over the last %d ms, "
                        + "request %s; memory %s, request %s%n%n", UsageModel.SANDBOX.idle(), UsageModel.SANDBOX.busy(),
                        trim(env.settings.load().consumerRate()), env.settings.hpaSyncPeriod().toMillis(),
                        UsageModel.CPU_REQUEST, UsageModel.MEMORY_USAGE, UsageModel.MEMORY_REQUEST);
            }
            env.cronWindow.ifPresent(window -> out.printf("  Cron window: %s to %s (%s), desiredReplicas %d; "
                    + "prometheus: %s, scraped every second%n%n", window.start(), window.end(), CronRunWindow.TIMEZONE,
                    CombinedVerdict.cronFloor(scaledObject()), PrometheusProcess.PRODUCED));
            // One topic: its lag; several: each one's lag and their sum, as the ScaledObject's formula adds them.
            String lagHeader = topics.size() == 1 ? "lag"
                    : "lag " + String.join("+", env.settings.scenario().topicNames());
            String lagColumn = "%" + Math.max(7, lagHeader.length()) + "s";
            String cpuColumn = cpu ? "%5s " : "%s";
            out.printf("  %7s  %-22s %8s " + lagColumn + "  %-9s " + cpuColumn + "%-7s %s%n", "time", "phase",
                    "produced", lagHeader, "replicas", cpu ? "cpu" : "", "active", "last decision (why)");
            // The workload rests at minReplicaCount (0 unless the ScaledObject says otherwise), or at the cron trigger's
            // desiredReplicas while its window is open; the run is over once it is back there.
            int resting = env.settings.scenario().combined()
                    ? Math.max(minReplicaCount(), CombinedVerdict.cronFloor(scaledObject())) : minReplicaCount();
            env.producer.start(env.settings.load().profile());
            TimelinePrinter printer = new TimelinePrinter(out);
            boolean wentUp = false;
            while (true) {
                Instant now = env.clock.instant();
                Sample sample = sample(start, now);
                samples.add(sample);
                wentUp |= sample.replicas().desired() > resting;
                String line = String.format(Locale.ROOT, "%-22s %8d " + lagColumn + "  %4d/%-4d " + cpuColumn + "%-7s %s",
                        sample.messages().phase(), sample.messages().produced(), sample.messages().lagText(),
                        sample.replicas().ready(), sample.replicas().desired(), cpu ? sample.replicas().cpuText() : "",
                        sample.conditions().active(), abbreviate(sample.decision(), 120));
                printer.offer(sample.seconds(), Duration.between(start, now).toMillis(), line);
                if (profileDone(env, start, now) && wentUp && sample.replicas().desired() == resting
                        && sample.messages().lag() == 0) {
                    break;
                }
                if (now.isAfter(deadline)) {
                    break;
                }
                LockSupport.parkNanos(SAMPLE_EVERY.toNanos());
            }
            return Report.of(env, start, samples, conditions.transitions());
        }
    }

    /** The producer has sent the whole profile and is idle for good. */
    static boolean profileDone(Environment env, Instant start, Instant now) {
        LoadProfile profile = env.settings.load().profile();
        return Duration.between(start, now).compareTo(profile.activeLength()) > 0
                && env.producer.phase().equals("idle") && env.producer.sent() >= profile.totalMessages();
    }

    private Sample sample(Instant start, Instant now) {
        Deployment deployment = env.client.apps().deployments().inNamespace(Settings.NAMESPACE)
                .withName(Settings.DEPLOYMENT).get();
        int replicas = deployment.getSpec().getReplicas() == null ? 0 : deployment.getSpec().getReplicas();
        ScaledObject so = scaledObject();
        double seconds = Duration.between(start, now).toMillis() / 1000.0;
        Optional<ScaledObjectStatus> status = Optional.ofNullable(so).map(ScaledObject::getStatus);
        String active = conditions.observe(status, KedaCondition.Type.ACTIVE, seconds);
        String ready = conditions.observe(status, KedaCondition.Type.READY, seconds);
        return new Sample(now, seconds, new Sample.Messages(env.producer.phase(), env.producer.sent(), lags.read()),
                new Sample.Replicas(replicas, env.deployment().workload().runningPods(), ResourceMetric.cpuUtilization(
                        env.deployment().workload().podUsage(Settings.DEPLOYMENT, env.settings.hpaSyncPeriod()),
                        MilliValue.parse(UsageModel.CPU_REQUEST))),
                new Sample.Conditions(active, ready),
                lastDecision());
    }

    /**
     * Waits until Tide has reconciled the ScaledObject (it has a Ready condition), at most {@link #RECONCILE_WAIT}: the
     * profile's first message then measures Tide's reaction, not a controller still starting on a busy machine.
     */
    private void awaitFirstReconcile() {
        Instant giveUp = env.clock.instant().plus(RECONCILE_WAIT);
        while (env.clock.instant().isBefore(giveUp) && Optional.ofNullable(scaledObject()).map(ScaledObject::getStatus)
                .flatMap(status -> status.condition(KedaCondition.Type.READY.value())).isEmpty()) {
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
        }
    }

    private ScaledObject scaledObject() {
        return env.client.resources(ScaledObject.class).inNamespace(Settings.NAMESPACE)
                .withName(Settings.SCALED_OBJECT).get();
    }

    /** The applied ScaledObject's minReplicaCount. */
    private int minReplicaCount() {
        ScaledObject so = scaledObject();
        return so == null || so.getSpec() == null ? 0 : so.getSpec().minReplicaCountOrDefault();
    }

    /** The newest of Tide's scale events and the HPA loop's writes. */
    private String lastDecision() {
        Optional<Event> tide = env.client.v1().events().inNamespace(Settings.NAMESPACE).list().getItems().stream()
                .filter(e -> EventReason.SCALE_TARGET_ACTIVATED.reason().equals(e.getReason())
                        || EventReason.SCALE_TARGET_DEACTIVATED.reason().equals(e.getReason()))
                .max(Comparator.comparing(Scenario::eventTime));
        Optional<HpaLoop.Sync> hpa = env.deployment().hpaLoop().syncs().stream().filter(HpaLoop.Sync::written).reduce((a, b) -> b);
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

    static String abbreviate(String text, int length) {
        return text.length() <= length ? text : text.substring(0, length - 1) + "…";
    }

    static String trim(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
