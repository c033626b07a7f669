package dev.tide.replicas;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What the HPA controller remembers about one HPA between two syncs (kept in memory by kube-controller-manager,
 * lost on its restart): the recent unstabilized recommendations and the recent scale events per direction.
 *
 * <p>Immutable; each step returns the next history. Old entries are overwritten in place rather than removed, as
 * Kubernetes does, so a history stays small without a separate clean-up.
 */
public record HpaHistory(List<Recommendation> recommendations, List<ScaleEvent> scaleUpEvents,
        List<ScaleEvent> scaleDownEvents) {

    /** A fresh controller: nothing remembered. */
    public static final HpaHistory EMPTY = new HpaHistory(List.of(), List.of(), List.of());

    public HpaHistory {
        recommendations = List.copyOf(recommendations);
        scaleUpEvents = List.copyOf(scaleUpEvents);
        scaleDownEvents = List.copyOf(scaleDownEvents);
    }

    /** An unstabilized recommendation and when it was made. */
    public record Recommendation(int replicas, Instant at) {
        public Recommendation {
            Objects.requireNonNull(at, "at");
        }
    }

    /** A change of the replica count (always positive; the list says the direction) and when it was written. */
    public record ScaleEvent(int change, Instant at) {
        public ScaleEvent {
            Objects.requireNonNull(at, "at");
        }
    }

    /**
     * Records a recommendation (Kubernetes' {@code stabilizeRecommendationWithBehaviors}): it replaces the last one
     * older than both stabilization windows, or is appended when there is none.
     */
    HpaHistory withRecommendation(int replicas, Instant now, HpaBehavior behavior) {
        Instant upCutoff = now.minus(behavior.scaleUp().stabilizationWindow());
        Instant downCutoff = now.minus(behavior.scaleDown().stabilizationWindow());
        int old = -1;
        for (int i = 0; i < recommendations.size(); i++) {
            Instant at = recommendations.get(i).at();
            if (at.isBefore(upCutoff) && at.isBefore(downCutoff)) {
                old = i;
            }
        }
        return new HpaHistory(replaceOrAppend(recommendations, old, new Recommendation(replicas, now)),
                scaleUpEvents, scaleDownEvents);
    }

    /**
     * Records a {@code /scale} write (Kubernetes' {@code storeScaleEvent}): it replaces the last event in its
     * direction older than that direction's longest policy period, or is appended.
     */
    public HpaHistory withScale(int previousReplicas, int newReplicas, Instant now, HpaBehavior behavior) {
        if (newReplicas == previousReplicas) {
            return this;
        }
        boolean up = newReplicas > previousReplicas;
        List<ScaleEvent> events = up ? scaleUpEvents : scaleDownEvents;
        Duration longest = (up ? behavior.scaleUp() : behavior.scaleDown()).longestPeriod();
        Instant cutoff = now.minus(longest);
        int old = -1;
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).at().isBefore(cutoff)) {
                old = i;
            }
        }
        List<ScaleEvent> next = replaceOrAppend(events, old,
                new ScaleEvent(Math.abs(newReplicas - previousReplicas), now));
        return up ? new HpaHistory(recommendations, next, scaleDownEvents)
                : new HpaHistory(recommendations, scaleUpEvents, next);
    }

    /** Replicas added (or removed) within {@code period} before {@code now}: Kubernetes' {@code getReplicasChangePerPeriod}. */
    static int changeWithin(List<ScaleEvent> events, Duration period, Instant now) {
        Instant cutoff = now.minus(period);
        int change = 0;
        for (ScaleEvent event : events) {
            if (event.at().isAfter(cutoff)) {
                change += event.change();
            }
        }
        return change;
    }

    private static <T> List<T> replaceOrAppend(List<T> list, int index, T element) {
        List<T> copy = new ArrayList<>(list);
        if (index >= 0) {
            copy.set(index, element);
        } else {
            copy.add(element);
        }
        return copy;
    }
}
