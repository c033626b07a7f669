package dev.tide.keda.api.validation;

/**
 * One thing wrong with an object, or one warning about it.
 *
 * @param field where, e.g. {@code spec.triggers[1] (kafka "orders").metadata.topic}; empty for the object as a whole
 * @param message what; KEDA's own text for KEDA's rules
 * @param reason KEDA's error reason label ({@code incorrect-replicas}, {@code other-hpa}, ...), as counted in
 *     {@code keda_webhook_scaled_object_validation_errors_total}; Tide's rules use {@code invalid-spec} and
 *     {@code invalid-trigger-metadata}
 * @param kedaWording KEDA's own message, which names its fields already and is shown as KEDA writes it
 */
public record Finding(String field, String message, String reason, boolean kedaWording) {

    /** KEDA's rule, KEDA's words. */
    static Finding keda(String field, String reason, String message) {
        return new Finding(field, message, reason, true);
    }

    /** Tide's rule: the field, a colon, what is wrong. */
    public static Finding tide(String field, String reason, String message) {
        return new Finding(field, message, reason, false);
    }

    /**
     * As a condition, an event, an admission response or a lint line reads it. KEDA's messages about one trigger do not
     * say which trigger, so they follow its field, e.g. {@code spec.triggers[2] (cron "nightly").useCachedMetrics:
     * property "useCachedMetrics" is not supported for "cron" scaler}; KEDA's other messages stand alone.
     */
    public String describe() {
        if (field == null || field.isEmpty()) {
            return message;
        }
        return kedaWording && !field.startsWith("spec.triggers[") ? message : field + ": " + message;
    }

    @Override
    public String toString() {
        return describe();
    }
}
