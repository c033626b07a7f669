package dev.tide.controller.sources;

import dev.tide.scaler.api.ScalerConfigException;
import dev.tide.scaler.api.ScalerException;
import dev.tide.scaler.api.TriggerConfig;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import java.util.Comparator;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * Why a read failed, in words fit for a condition, an event, a log line and the metrics API: the guard's reason, or
 * the scaler's own message with every secret value of the trigger taken out. Other exceptions show only their type,
 * since their message may quote anything.
 */
public final class FailureCause {

    private static final int MIN_SECRET_LENGTH = 4;
    private static final int MAX_LENGTH = 300;

    private FailureCause() {
    }

    /** Whether a guard refused the read before it reached the source. */
    static boolean refused(Throwable failure) {
        Throwable cause = SourceGuards.unwrap(failure);
        return cause instanceof CallNotPermittedException || cause instanceof BulkheadFullException
                || cause instanceof SourceHangingException || cause instanceof RejectedExecutionException;
    }

    public static String describe(Throwable failure, TriggerConfig config) {
        Throwable cause = SourceGuards.unwrap(failure);
        if (cause instanceof TimeoutException) {
            return "no answer within " + config.timeout().toMillis() + " ms";
        }
        if (cause instanceof CallNotPermittedException) {
            return "circuit breaker open: this event source failed repeatedly, reads resume after a pause";
        }
        if (cause instanceof BulkheadFullException) {
            return "too many reads in flight to this event source";
        }
        if (cause instanceof SourceHangingException hanging) {
            return hanging.getMessage();
        }
        if (cause instanceof RejectedExecutionException) {
            return "no sampler thread available";
        }
        if (cause instanceof ScalerException || cause instanceof ScalerConfigException) {
            String message = String.valueOf(cause.getMessage());
            // Scalers name their trigger already; the caller names it too, with its name.
            String own = config.label() + ": ";
            return clip(scrub(message.startsWith(own) ? message.substring(own.length()) : message, config));
        }
        return cause.getClass().getSimpleName();
    }

    /** Every auth parameter and resolved environment value of the trigger, longest first, replaced. */
    private static String scrub(String message, TriggerConfig config) {
        String scrubbed = message;
        for (String secret : Stream.concat(config.authParams().values().stream(), config.resolvedEnv().values().stream())
                .filter(v -> v != null && v.length() >= MIN_SECRET_LENGTH)
                .sorted(Comparator.comparingInt(String::length).reversed()).toList()) {
            scrubbed = scrubbed.replace(secret, "<redacted>");
        }
        return scrubbed;
    }

    private static String clip(String text) {
        return text.length() <= MAX_LENGTH ? text : text.substring(0, MAX_LENGTH - 3) + "...";
    }
}
