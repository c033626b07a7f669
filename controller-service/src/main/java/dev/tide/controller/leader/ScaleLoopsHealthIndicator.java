package dev.tide.controller.leader;

import dev.tide.controller.sharding.ReplicaReadiness;
import java.util.Locale;
import java.util.function.Supplier;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Readiness (component {@code scaleLoops}): the leader is ready once its scale and job loops have started, a follower
 * as soon as it stands for election (its informers synced before, see {@link LeaderElection#getPhase()}); a sharded
 * replica once its member Lease is valid and it has waited out a lease duration after joining.
 */
final class ScaleLoopsHealthIndicator implements HealthIndicator {

    private final String identity;
    private final Supplier<? extends ReplicaReadiness> standing;

    ScaleLoopsHealthIndicator(LeaderElection election) {
        this(election.identity(), election::standing);
    }

    ScaleLoopsHealthIndicator(String identity, Supplier<? extends ReplicaReadiness> standing) {
        this.identity = identity;
        this.standing = standing;
    }

    @Override
    public Health health() {
        ReplicaReadiness now = standing.get();
        return (now.ready() ? Health.up() : Health.outOfService())
                .withDetail("standing", now.name().toLowerCase(Locale.ROOT))
                .withDetail("identity", identity)
                .build();
    }
}
