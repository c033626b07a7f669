package dev.tide.controller.sharding;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;

/**
 * The member Leases (coordination.k8s.io/v1) in one namespace: this replica's own, created and renewed by it, and
 * everybody's, listed by the label {@value #MEMBER_LABEL} whose value is the group (the leader-election lease name),
 * so that two installations in one namespace do not mix.
 */
final class MemberLeases {

    static final String MEMBER_LABEL = "tide.dev/controller-member-of";

    /** One member Lease as listed: who holds it, what changes on every renewal, how long its holder claims it for. */
    record Member(String identity, String version, Duration leaseDuration, String name, String resourceVersion) {
    }

    private final KubernetesClient client;
    private final String namespace;
    private final String group;
    private final Duration leaseDuration;
    /** The last version of our own Lease we wrote, for an update without a read first; null after a failure. */
    private volatile Lease own;

    MemberLeases(KubernetesClient client, String namespace, String group, Duration leaseDuration) {
        this.client = client;
        this.namespace = namespace;
        this.group = group;
        this.leaseDuration = leaseDuration;
    }

    String namespace() {
        return namespace;
    }

    String leaseName(String identity) {
        return group + "-member-" + identity;
    }

    /** Creates this replica's Lease or moves its renew time on (an optimistic update of the version it last wrote). */
    void renew(String identity, Instant now) {
        try {
            Lease current = own != null ? own : client.leases().inNamespace(namespace).withName(leaseName(identity)).get();
            var at = now.atZone(ZoneOffset.UTC);
            if (current == null) {
                own = client.leases().inNamespace(namespace).resource(new LeaseBuilder()
                        .withNewMetadata().withName(leaseName(identity)).withNamespace(namespace)
                        .addToLabels(MEMBER_LABEL, group).endMetadata()
                        .withNewSpec().withHolderIdentity(identity).withLeaseDurationSeconds(seconds())
                        .withAcquireTime(at).withRenewTime(at).endSpec()
                        .build()).create();
            } else {
                own = client.leases().inNamespace(namespace).resource(new LeaseBuilder(current)
                        .editSpec().withHolderIdentity(identity).withLeaseDurationSeconds(seconds()).withRenewTime(at).endSpec()
                        .build()).update();
            }
        } catch (KubernetesClientException e) {
            own = null;
            throw e;
        }
    }

    List<Member> list() {
        return client.leases().inNamespace(namespace).withLabel(MEMBER_LABEL, group).list().getItems().stream()
                .filter(lease -> lease.getSpec() != null && lease.getSpec().getHolderIdentity() != null)
                .map(lease -> new Member(lease.getSpec().getHolderIdentity(),
                        lease.getMetadata().getResourceVersion() + "@" + Objects.toString(lease.getSpec().getRenewTime()),
                        lease.getSpec().getLeaseDurationSeconds() == null ? leaseDuration
                                : Duration.ofSeconds(lease.getSpec().getLeaseDurationSeconds()),
                        lease.getMetadata().getName(), lease.getMetadata().getResourceVersion()))
                .toList();
    }

    /**
     * Deletes the Lease of a member that died for good, only as this replica last saw it: a member that came back
     * and renewed meanwhile changed its resourceVersion, and the API server refuses the delete (409).
     */
    void removeStale(Member member) {
        try {
            client.leases().inNamespace(namespace).withName(member.name()).lockResourceVersion(member.resourceVersion()).delete();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404 && e.getCode() != 409) {
                throw e;
            }
        }
    }

    /** Gives the Lease up on a graceful stop, so that the others take this replica's objects at once. */
    void release(String identity) {
        own = null;
        client.leases().inNamespace(namespace).withName(leaseName(identity)).delete();
    }

    private int seconds() {
        // Rounded up: the others must never count this replica live for less time than it drives.
        return (int) Math.max(1, (leaseDuration.toMillis() + 999) / 1000);
    }
}
