package dev.tide.sandbox;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What {@code --scenario} picks: the built-in ScaledObject or ScaledJob, the topics the workload or the Jobs consume
 * and the producer fills, and whether the verdict expects the HPA's one metric to be KEDA's {@code composite-metric}.
 */
enum ScenarioKind {

    /** One topic, one kafka trigger: the HPA reads the trigger's own metric. */
    SCALE("/scaledobject.yaml", List.of(new Topic("orders", 1)), false),
    /** Two topics, a kafka trigger named after each, and {@code scalingModifiers} adding them into one metric. */
    MODIFIERS("/scaledobject-modifiers.yaml", List.of(new Topic("orders", 3), new Topic("returns", 2)), true),
    /** One topic, a ScaledJob with a kafka trigger: Jobs instead of a Deployment, no HPA. */
    JOBS("/scaledjob.yaml", List.of(new Topic("orders", 1)), false);

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
    private final boolean compositeMetric;

    ScenarioKind(String resource, List<Topic> topics, boolean compositeMetric) {
        this.resource = resource;
        this.topics = topics;
        this.compositeMetric = compositeMetric;
    }

    /** The {@code --scenario} value naming this scenario. */
    String flag() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<ScenarioKind> ofFlag(String flag) {
        return Arrays.stream(values()).filter(kind -> kind.flag().equals(flag)).findFirst();
    }

    /** The accepted {@code --scenario} values, for messages: {@code scale, modifiers, jobs}. */
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
        return compositeMetric;
    }
}
