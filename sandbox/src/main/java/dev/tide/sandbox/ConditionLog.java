package dev.tide.sandbox;

import dev.tide.keda.api.Condition;
import dev.tide.keda.api.KedaCondition;
import dev.tide.keda.api.ScalableStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The conditions of the scenario's ScaledObject or ScaledJob as the timeline samples them, and each change. */
final class ConditionLog {

    private final List<Transition> transitions = new ArrayList<>();

    /** A change of a condition seen by the timeline. */
    record Transition(double seconds, String type, String status, String reason) {
    }

    /** The condition's status, or "-" while the status has none; notes each change as a {@link Transition}. */
    String observe(Optional<? extends ScalableStatus> status, KedaCondition.Type type, double seconds) {
        Optional<Condition> condition = status.flatMap(s -> s.condition(type.value()));
        if (condition.isEmpty()) {
            return "-";
        }
        String value = String.valueOf(condition.get().status());
        String reason = String.valueOf(condition.get().reason());
        Optional<Transition> last = transitions.stream().filter(t -> t.type().equals(type.value()))
                .reduce((a, b) -> b);
        if (last.isEmpty() || !last.get().status().equals(value) || !last.get().reason().equals(reason)) {
            transitions.add(new Transition(seconds, type.value(), value, reason));
        }
        return value;
    }

    List<Transition> transitions() {
        return List.copyOf(transitions);
    }

    /** {@code Ready=True (ScaledObjectReady) at 1.4s, Active=True (ScalerActive) at 6.1s}, for the summary. */
    static String describe(List<Transition> transitions) {
        return String.join(", ", transitions.stream()
                .map(t -> String.format(Locale.ROOT, "%s=%s%s at %.1fs", t.type(), t.status(),
                        t.reason().isEmpty() || t.reason().equals("null") ? "" : " (" + t.reason() + ")", t.seconds()))
                .toList());
    }
}
