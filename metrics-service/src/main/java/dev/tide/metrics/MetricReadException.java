package dev.tide.metrics;

import org.springframework.http.HttpStatus;

/**
 * A metric could not be read; carries the HTTP status the HPA gets, never a made-up value.
 * {@link Answer} is the controller's own verdict (no such ScaledObject, the source is down) and does not
 * count against the controller's circuit breaker; {@link Failure} means the controller itself could not
 * be reached or failed, and does.
 */
abstract sealed class MetricReadException extends RuntimeException {

    private final HttpStatus status;

    private MetricReadException(HttpStatus status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    HttpStatus status() {
        return status;
    }

    /** The controller answered: the ScaledObject or metric does not exist, or the source failed. */
    static final class Answer extends MetricReadException {
        Answer(HttpStatus status, String message) {
            super(status, message, null);
        }
    }

    /** The controller was unreachable, had no leader, timed out or failed internally. */
    static final class Failure extends MetricReadException {
        Failure(HttpStatus status, String message) {
            super(status, message, null);
        }

        Failure(HttpStatus status, String message, Throwable cause) {
            super(status, message, cause);
        }
    }
}
