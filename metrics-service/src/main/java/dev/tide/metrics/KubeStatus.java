package dev.tide.metrics;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * A Kubernetes {@code v1 Status} failure, the body every Kubernetes API error carries; the aggregator
 * passes it on to the HPA, which logs its message.
 *
 * @param kind always {@code Status}
 * @param apiVersion always {@code v1}
 * @param metadata empty list metadata
 * @param status always {@code Failure}
 * @param message what went wrong, for a human
 * @param reason the machine-readable {@code StatusReason} ({@code NotFound}, {@code BadRequest}, …)
 * @param code the HTTP status code
 */
@JsonPropertyOrder({"kind", "apiVersion", "metadata", "status", "message", "reason", "code"})
@JsonInclude(JsonInclude.Include.NON_NULL)
record KubeStatus(
        String kind, String apiVersion, Map<String, String> metadata, String status, String message, String reason,
        int code) {

    static KubeStatus failure(HttpStatus status, String message) {
        return new KubeStatus("Status", "v1", Map.of(), "Failure", message, reasonOf(status), status.value());
    }

    // The StatusReason Kubernetes uses for each code (apimachinery's errors package).
    private static String reasonOf(HttpStatus status) {
        return switch (status) {
            case BAD_REQUEST -> "BadRequest";
            case UNAUTHORIZED -> "Unauthorized";
            case FORBIDDEN -> "Forbidden";
            case NOT_FOUND -> "NotFound";
            case METHOD_NOT_ALLOWED -> "MethodNotAllowed";
            case NOT_ACCEPTABLE -> "NotAcceptable";
            case SERVICE_UNAVAILABLE -> "ServiceUnavailable";
            case GATEWAY_TIMEOUT -> "Timeout";
            default -> "InternalError";
        };
    }
}
