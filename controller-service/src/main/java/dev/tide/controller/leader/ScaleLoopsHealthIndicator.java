package dev.tide.controller.leader;

import java.util.Locale;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Readiness (component {@code scaleLoops}): the leader is ready once its scale and job loops have started, a follower
 * as soon as it stands for election (its informers synced before, see {@link LeaderElection#getPhase()}).
 */
final class ScaleLoopsHealthIndicator implements HealthIndicator {

    private final LeaderElection election;

    ScaleLoopsHealthIndicator(LeaderElection election) {
        this.election = election;
    }

    @Override
    public Health health() {
        LeaderElection.Standing standing = election.standing();
        return (standing.ready() ? Health.up() : Health.outOfService())
                .withDetail("standing", standing.name().toLowerCase(Locale.ROOT))
                .withDetail("identity", election.identity())
                .build();
    }
}
