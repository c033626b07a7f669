package dev.tide.keda.api;

import java.util.Optional;

/**
 * A condition KEDA sets, as type, status, reason and the message when KEDA's is fixed: the shared shape of
 * {@link KedaCondition} (ScaledObjects) and {@link KedaJobCondition} (ScaledJobs).
 */
public interface ConditionTemplate {

    /** What a template holds; {@code message} is null where KEDA's message varies. */
    record Shape(KedaCondition.Type type, String status, String reason, String message) {
    }

    Shape shape();

    default KedaCondition.Type type() {
        return shape().type();
    }

    default String reason() {
        return shape().reason();
    }

    /** KEDA's message; empty for the conditions whose message varies. */
    default Optional<String> fixedMessage() {
        return Optional.ofNullable(shape().message());
    }

    /** The condition with KEDA's fixed message; for the ones whose message varies, use {@link #withMessage}. */
    default Condition condition() {
        return withMessage(fixedMessage().orElseThrow(() -> new IllegalStateException(this + " has no fixed message; use withMessage")));
    }

    default Condition withMessage(String message) {
        return new Condition(type().value(), shape().status(), reason(), message);
    }
}
