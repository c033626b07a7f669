package dev.tide.sandbox;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * One sandbox run's settings; {@link Sandbox} fills them from flags.
 *
 * @param scenario which ScaledObject or ScaledJob and which topics the run shows
 * @param load what is produced and how fast it is consumed
 * @param scaling the ScaledObject's or ScaledJob's timing, or one of one's own
 * @param hpaSyncPeriod how often the HPA loop syncs (kube-controller-manager: 15 s)
 * @param maxDuration when the run gives up
 * @param outDir where run folders are written
 * @param plugins the controller's plugins folder ({@code tide.controller.plugins-dir}); empty: an empty one in the run folder
 */
record Settings(ScenarioKind scenario, Load load, Scaling scaling, Duration hpaSyncPeriod, Duration maxDuration,
        Path outDir, Optional<Path> plugins) {

    static final String NAMESPACE = "default";
    static final String DEPLOYMENT = "orders-worker";
    /** The Deployment's one container. */
    static final String CONTAINER = "worker";
    static final String SCALED_OBJECT = "orders-worker";
    static final String GROUP = "orders-workers";

    /**
     * @param profile what the producer sends
     * @param partitions partitions of each topic (KEDA's kafka scaler caps the lag near partitions x lagThreshold)
     * @param consumerRate messages per second one replica processes
     * @param jobDuration how long one Job runs (the jobs scenario)
     */
    record Load(LoadProfile profile, int partitions, double consumerRate, Duration jobDuration) {
    }

    /**
     * @param pollingInterval the ScaledObject's or ScaledJob's pollingInterval
     * @param cooldown the ScaledObject's cooldownPeriod
     * @param ownYaml a ScaledObject YAML (a ScaledJob YAML in the jobs scenario) to use instead of the built-in one
     */
    record Scaling(Duration pollingInterval, Duration cooldown, Optional<Path> ownYaml) {
    }
}
