package dev.tide.controller.sharding;

import dev.tide.controller.kube.ObjectKey;
import dev.tide.controller.observability.KubernetesRequestMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

/**
 * {@code /actuator/shards} on the management port: which replica owns which ScaledObjects and ScaledJobs (counts per
 * member; {@code /actuator/shards/<member>} lists them), what this replica drives now, and this replica's loop lag
 * and pass duration. Every replica registers every object and computes the same hash, so any replica can answer for
 * all members; the lag, the pass durations and the API requests per minute are its own.
 */
@Endpoint(id = "shards")
final class ShardsEndpoint {

    /** The whole picture as this replica sees it; {@code identity}, {@code standing} and the lease times only when sharded. */
    record Report(String mode, @Nullable String identity, @Nullable String standing, @Nullable Instant leaseValidUntil,
            @Nullable Instant drivingFrom, List<String> members, Map<String, Map<String, Integer>> owners,
            Map<String, Integer> driven, Timing loopLag, Timing passDuration, KubernetesRequestMetrics.PerMinute apiRequestsPerMinute) {
    }

    /** A timer of this replica since it started; milliseconds. */
    record Timing(long count, double meanMillis, double maxMillis) {
    }

    private final Ownership ownership;
    private final ObjectProvider<Membership> membership;
    private final List<ShardedWork> work;
    private final MeterRegistry registry;
    private final KubernetesRequestMetrics requests;

    ShardsEndpoint(Ownership ownership, ObjectProvider<Membership> membership, List<ShardedWork> work, MeterRegistry registry,
            KubernetesRequestMetrics requests) {
        this.ownership = ownership;
        this.membership = membership;
        this.work = List.copyOf(work);
        this.registry = registry;
        this.requests = requests;
    }

    @ReadOperation
    Report shards() {
        Map<String, Map<String, Integer>> owners = new TreeMap<>();
        Map<String, Integer> driven = new TreeMap<>();
        for (ShardedWork loops : work) {
            driven.put(loops.kind(), loops.driven().size());
            if (ownership.sharded()) {
                for (ObjectKey key : loops.registered()) {
                    owners.computeIfAbsent(owner(key), m -> new TreeMap<>()).merge(loops.kind(), 1, Integer::sum);
                }
            }
        }
        Membership member = membership.getIfAvailable();
        MemberView view = ownership.view().orElse(null);
        return new Report(member == null ? "leader-election" : "sharded", member == null ? null : member.identity(),
                member == null ? null : member.standing().name().toLowerCase(java.util.Locale.ROOT),
                view == null ? null : view.validUntil(), view == null ? null : view.drivingFrom(),
                view == null ? List.of() : view.members(), owners, driven, timing("tide.scale.loop.lag"),
                timing("tide.scale.loop.pass.duration"), requests.perMinute());
    }

    /** The objects one member owns, by kind, sorted; empty without sharding. */
    @ReadOperation
    Map<String, List<String>> member(@Selector String member) {
        Map<String, List<String>> objects = new TreeMap<>();
        if (ownership.sharded()) {
            for (ShardedWork loops : work) {
                objects.put(loops.kind(), loops.registered().stream().filter(key -> owner(key).equals(member))
                        .map(ObjectKey::toString).sorted().toList());
            }
        }
        return objects;
    }

    private String owner(ObjectKey key) {
        return ownership.decide(key).flatMap(MemberView.Decision::owner).orElse("none");
    }

    private Timing timing(String name) {
        Timer timer = registry.find(name).timer();
        if (timer == null) {
            return new Timing(0, 0, 0);
        }
        return new Timing(timer.count(), timer.mean(TimeUnit.MILLISECONDS), timer.max(TimeUnit.MILLISECONDS));
    }
}
