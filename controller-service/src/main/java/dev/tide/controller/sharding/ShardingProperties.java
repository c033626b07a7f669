package dev.tide.controller.sharding;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Sharding over controller replicas, under {@code tide.controller.sharding}. On, it replaces leader election: every
 * replica holds a member Lease named {@code <lease-name>-member-<identity>} (lease name, namespace and identity from
 * {@code tide.controller.leader-election}) and drives the ScaledObjects and ScaledJobs that hash to it.
 *
 * @param enabled whether replicas share the objects (the chart turns it on when it runs more than one replica)
 * @param leaseDuration how long another replica counts a member live after it last saw its Lease renewed; also how
 *     long a joining replica waits before it drives anything
 * @param renewDeadline how long after the start of its last successful renewal a replica keeps driving; shorter than
 *     the lease duration so that its writes in flight land before anyone else may take over
 * @param renewPeriod how often a replica renews its Lease and lists the members
 */
@Validated
@ConfigurationProperties("tide.controller.sharding")
public record ShardingProperties(
        @DefaultValue("false") boolean enabled,
        @NotNull @DefaultValue("15s") Duration leaseDuration,
        @NotNull @DefaultValue("10s") Duration renewDeadline,
        @NotNull @DefaultValue("2s") Duration renewPeriod) {

    public ShardingProperties {
        if (leaseDuration != null && renewDeadline != null && renewPeriod != null
                && !(leaseDuration.compareTo(renewDeadline) > 0 && renewDeadline.compareTo(renewPeriod) > 0)) {
            throw new IllegalArgumentException("sharding needs leaseDuration > renewDeadline > renewPeriod, got "
                    + leaseDuration + ", " + renewDeadline + ", " + renewPeriod);
        }
    }
}
