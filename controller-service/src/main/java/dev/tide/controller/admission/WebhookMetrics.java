package dev.tide.controller.admission;

import dev.tide.admission.AdmissionReviews;
import dev.tide.keda.api.KedaApi;
import dev.tide.keda.api.validation.Finding;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * KEDA's webhook series as KEDA counts them: {@code keda_webhook_scaled_object_validations_total} for ScaledObjects,
 * {@code keda_webhook_scaled_object_validation_errors_total} for refused ScaledObjects and ScaledJobs (KEDA's
 * ScaledJob webhook records its trigger errors there and never counts a validation); and how long answers take.
 */
final class WebhookMetrics {

    private final MeterRegistry registry;
    private final Timer answers;

    WebhookMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.answers = Timer.builder("tide.webhook.request.duration")
                .description("Time to answer one AdmissionReview, from the request's arrival to the response's last byte")
                .publishPercentiles(0.5, 0.99)
                .register(registry);
    }

    void record(AdmissionReviews.Decision decision) {
        boolean scaledObject = KedaApi.SCALED_OBJECT_KIND.equals(decision.kind());
        if (!scaledObject && !KedaApi.SCALED_JOB_KIND.equals(decision.kind())) {
            return;
        }
        if (scaledObject) {
            Counter.builder("keda.webhook.scaled.object.validations")
                    .description("ScaledObjects checked by the validating webhook")
                    .tag("namespace", decision.namespace()).tag("action", decision.operation())
                    .register(registry).increment();
        }
        // KEDA stops at the first failing rule, so it counts one reason per refusal; so does Tide.
        decision.verdict().errors().stream().findFirst().map(Finding::reason).ifPresent(reason -> Counter
                .builder("keda.webhook.scaled.object.validation.errors")
                .description("ScaledObjects and ScaledJobs refused by the validating webhook, by the first rule that refused them")
                .tag("namespace", decision.namespace()).tag("action", decision.operation()).tag("reason", reason)
                .register(registry).increment());
    }

    void answered(long nanos) {
        answers.record(Duration.ofNanos(nanos));
    }
}
