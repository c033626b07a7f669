package dev.tide.sandbox;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * One sandbox run's settings; {@link Sandbox} fills them from flags.
 *
 * @param profile what the producer sends
 * @param consumerRate messages per second one replica processes
 * @param pollingInterval the ScaledObject's pollingInterval
 * @param cooldown the ScaledObject's cooldownPeriod
 * @param maxDuration when the run gives up
 * @param hpaSyncPeriod how often the HPA loop syncs (kube-controller-manager: 15 s)
 * @param partitions partitions of the topic (KEDA's kafka scaler caps the lag near partitions x lagThreshold)
 * @param scaledObject a ScaledObject YAML to use instead of the built-in one
 * @param outDir where run folders are written
 */
record Settings(LoadProfile profile, double consumerRate, Duration pollingInterval, Duration cooldown,
        Duration maxDuration, Duration hpaSyncPeriod, int partitions, Optional<Path> scaledObject, Path outDir) {

    static final String NAMESPACE = "default";
    static final String DEPLOYMENT = "orders-worker";
    static final String SCALED_OBJECT = "orders-worker";
    static final String TOPIC = "orders";
    static final String GROUP = "orders-workers";
}
