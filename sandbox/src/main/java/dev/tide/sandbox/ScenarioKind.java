package dev.tide.sandbox;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What {@code --scenario} picks: the built-in ScaledObject or ScaledJob, the topics the workload or the Jobs consume
 * and the producer fills, and what the verdict checks beyond the workload's scaling ({@link Check}).
 */
enum ScenarioKind {

    /** One topic, one kafka trigger: the HPA reads the trigger's own metric. */
    SCALE("/scaledobject.yaml", List.of(new Topic("orders", 1)), Check.NOTHING_MORE),
    /** Two topics, a kafka trigger named after each, and {@code scalingModifiers} adding them into one metric. */
    MODIFIERS("/scaledobject-modifiers.yaml", List.of(new Topic("orders", 3), new Topic("returns", 2)),
            Check.COMPOSITE_METRIC),
    /** One topic, a kafka trigger with a high lagThreshold and a cpu trigger: the HPA scales on the pods' cpu. */
    CPU("/scaledobject-cpu.yaml", List.of(new Topic("orders", 1)), Check.CPU),
    /**
     * One topic, the four triggers KEDA users combine most: kafka, cpu, a cron window open for the whole run and
     * prometheus (a real server scraping the producer's count).
     */
    COMBINED("/scaledobject-combined.yaml", List.of(new Topic("orders", 1)), Check.COMBINED),
    /** One topic, a ScaledJob with a kafka trigger: Jobs instead of a Deployment, no HPA. */
    JOBS("/scaledjob.yaml", List.of(new Topic("orders", 1)), Check.NOTHING_MORE);

    /** What a scenario's verdict checks. */
    enum Check {
        /** The scaling only: 0 → N → 0, or for Jobs the queue drained within the limits. */
        NOTHING_MORE,
        /** 0 → N → 0, and the HPA's one metric is {@code composite-metric}, and the status names it. */
        COMPOSITE_METRIC,
        /** Instead of 0 → N → 0: the HPA scaled up on cpu beyond what the lag alone asked, then back to minReplicaCount. */
        CPU,
        /**
         * Instead of 0 → N → 0: the HPA carries KEDA's four metrics, scaled up under load and kept the cron floor
         * ({@link CombinedVerdict}).
         */
        COMBINED
    }

    /**
     * A topic and its share of the produced messages: of every {@code sum of shares} messages, {@code share} go here.
     *
     * @param name the topic
     * @param share its part of the messages
     */
    record Topic(String name, int share) {
        Topic {
            if (share < 1) {
                throw new IllegalArgumentException("a topic's share is at least 1: " + name + " " + share);
            }
        }
    }

    private final String resource;
    private final List<Topic> topics;
    private final Check check;

    ScenarioKind(String resource, List<Topic> topics, Check check) {
        this.resource = resource;
        this.topics = topics;
        this.check = check;
    }

    /** The {@code --scenario} value naming this scenario. */
    String flag() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<ScenarioKind> ofFlag(String flag) {
        return Arrays.stream(values()).filter(kind -> kind.flag().equals(flag)).findFirst();
    }

    /** The accepted {@code --scenario} values, for messages: {@code scale, modifiers, cpu, combined, jobs}. */
    static String flags() {
        return Arrays.stream(values()).map(ScenarioKind::flag).collect(Collectors.joining(", "));
    }

    /** The built-in ScaledObject or ScaledJob YAML on the class path. */
    String resource() {
        return resource;
    }

    List<Topic> topics() {
        return topics;
    }

    List<String> topicNames() {
        return topics.stream().map(Topic::name).toList();
    }

    /** Whether the scenario applies a ScaledJob: Jobs and a job runner instead of a Deployment, a workload and an HPA. */
    boolean runsJobs() {
        return this == JOBS;
    }

    /** Whether the ScaledObject has {@code scalingModifiers}: one {@code composite-metric} on the HPA. */
    boolean compositeMetric() {
        return check == Check.COMPOSITE_METRIC;
    }

    /** Whether the verdict is the cpu scenario's: a scale-up on cpu beyond what the lag asked ({@link CpuVerdict}). */
    boolean cpu() {
        return check == Check.CPU;
    }

    /** Whether the timeline shows the pods' cpu: the ScaledObject has a cpu trigger. */
    boolean podCpu() {
        return check == Check.CPU || check == Check.COMBINED;
    }

    /**
     * Whether the ScaledObject combines kafka, cpu, cron and prometheus: the run starts a Prometheus and fills in the
     * cron window.
     */
    boolean combined() {
        return check == Check.COMBINED;
    }
}
