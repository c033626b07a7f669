package dev.tide.controller.leader;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Leader election, under {@code tide.controller.leader-election} (KEDA's {@code --leader-elect} and
 * {@code KEDA_OPERATOR_LEADER_ELECTION_*}).
 *
 * @param enabled whether replicas elect a leader; off, every replica scales (run one replica only)
 * @param leaseName the coordination.k8s.io Lease the replicas compete for
 * @param leaseNamespace where the Lease lives; by default the cluster-object namespace (the controller's own)
 * @param identity this replica's name in the Lease; by default the pod name (HOSTNAME)
 * @param leaseDuration how long a leader's claim holds without renewal (KEDA: 15 s)
 * @param renewDeadline how long the leader keeps trying to renew before it gives up leading (KEDA: 10 s)
 * @param retryPeriod how often candidates try to acquire and the leader renews (KEDA: 2 s)
 */
@Validated
@ConfigurationProperties("tide.controller.leader-election")
public record LeaderElectionProperties(
        @DefaultValue("true") boolean enabled,
        @NotBlank @DefaultValue("tide-controller") String leaseName,
        Optional<String> leaseNamespace,
        Optional<String> identity,
        @NotNull @DefaultValue("15s") Duration leaseDuration,
        @NotNull @DefaultValue("10s") Duration renewDeadline,
        @NotNull @DefaultValue("2s") Duration retryPeriod) {

    public LeaderElectionProperties {
        leaseNamespace = leaseNamespace == null ? Optional.empty() : leaseNamespace.filter(s -> !s.isBlank());
        identity = identity == null ? Optional.empty() : identity.filter(s -> !s.isBlank());
        if (leaseDuration != null && renewDeadline != null && retryPeriod != null
                && !(leaseDuration.compareTo(renewDeadline) > 0 && renewDeadline.compareTo(retryPeriod) > 0)) {
            throw new IllegalArgumentException("leader election needs leaseDuration > renewDeadline > retryPeriod, got "
                    + leaseDuration + ", " + renewDeadline + ", " + retryPeriod);
        }
    }
}
