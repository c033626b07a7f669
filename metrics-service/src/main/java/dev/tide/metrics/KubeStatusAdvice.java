package dev.tide.metrics;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Turns every failure into a Kubernetes {@code Status} with the matching code, as an API server does. */
@RestControllerAdvice
final class KubeStatusAdvice {

    private static final Logger log = LoggerFactory.getLogger(KubeStatusAdvice.class);

    @ExceptionHandler
    ResponseEntity<KubeStatus> metricRead(MetricReadException e) {
        log.debug("Metric read failed with {}: {}", e.status().value(), e.getMessage());
        return status(e.status(), e.getMessage());
    }

    @ExceptionHandler
    ResponseEntity<KubeStatus> badSelector(LabelSelector.InvalidSelectorException e) {
        return status(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler
    ResponseEntity<KubeStatus> other(Exception e) {
        if (e instanceof ErrorResponse response) {
            HttpStatus code = HttpStatus.resolve(response.getStatusCode().value());
            String detail = response.getBody().getDetail();
            return status(code == null ? HttpStatus.INTERNAL_SERVER_ERROR : code,
                    detail == null ? response.getStatusCode().toString() : detail);
        }
        log.error("Unexpected failure while serving an external metrics request", e);
        return status(HttpStatus.INTERNAL_SERVER_ERROR, "internal error: " + e.getClass().getSimpleName());
    }

    static ResponseEntity<KubeStatus> status(HttpStatus code, String message) {
        return ResponseEntity.status(code).contentType(MediaType.APPLICATION_JSON)
                .body(KubeStatus.failure(code, message));
    }
}
