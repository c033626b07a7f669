package dev.tide.controller.sharding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tide.controller.MockCluster;
import dev.tide.servicetest.MutableClock;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Member Leases of replicas that died without giving them up are cleaned away, and only those. */
class MembershipTest {

    private static final String NAMESPACE = "membership-test";
    private static final String GROUP = "stale";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-03T10:00:00Z"));
    private final Ownership ownership = new Ownership(clock);
    // Hours, on the clock the test moves: the ticker's own schedule never comes within the test.
    private final ShardingProperties properties = new ShardingProperties(true, Duration.ofHours(3), Duration.ofHours(2),
            Duration.ofHours(1));

    private static void memberLease(String identity) {
        MockCluster.CLIENT.leases().inNamespace(NAMESPACE).resource(new LeaseBuilder()
                .withNewMetadata().withName(GROUP + "-member-" + identity).withNamespace(NAMESPACE)
                .addToLabels(MemberLeases.MEMBER_LABEL, GROUP).endMetadata()
                .withNewSpec().withHolderIdentity(identity).withLeaseDurationSeconds(3 * 3600)
                .withRenewTime(Instant.parse("2026-12-03T09:59:00Z").atZone(ZoneOffset.UTC)).endSpec().build()).create();
    }

    private static Lease lease(String identity) {
        return MockCluster.CLIENT.leases().inNamespace(NAMESPACE).withName(GROUP + "-member-" + identity).get();
    }

    @Test
    void aMemberLeaseUnchangedForTenLeaseDurationsIsDeletedWhileOneThatIsRenewedStays() {
        memberLease("pod-9");
        memberLease("pod-8");
        Membership membership = Membership.create(MockCluster.CLIENT, NAMESPACE, GROUP, "pod-0", properties, clock, ownership,
                List.of());
        membership.start();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> ownership.view().map(MemberView::members).orElse(List.of()).size() == 3);

            clock.advance(Duration.ofHours(4));
            membership.tick();
            assertThat(ownership.view().orElseThrow().members()).as("expired, so no longer live").containsExactly("pod-0");
            assertThat(lease("pod-9")).as("expired, but not yet for long").isNotNull();

            clock.advance(Duration.ofHours(27));
            Lease renewed = lease("pod-8");
            renewed.getSpec().setRenewTime(clock.instant().atZone(ZoneOffset.UTC));
            MockCluster.CLIENT.leases().inNamespace(NAMESPACE).resource(renewed).update();
            membership.tick();

            assertThat(lease("pod-9")).as("unchanged for more than ten lease durations").isNull();
            assertThat(lease("pod-8")).as("renewed: its replica is back").isNotNull();
            assertThat(lease("pod-0")).as("this replica's own").isNotNull();
        } finally {
            membership.stop();
        }
    }
}
