package dev.tide.controller.metricsapi;

import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The internal metrics REST API, exactly as docs/internal-metrics-api.md describes it. */
@RestController
class InternalMetricsController {

    private final MetricsReader reader;

    InternalMetricsController(MetricsReader reader) {
        this.reader = reader;
    }

    @GetMapping(path = "/internal/v1/namespaces/{namespace}/scaledobjects/{name}/metrics/{metricName}",
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> metric(@PathVariable String namespace, @PathVariable String name, @PathVariable String metricName) {
        MetricsReader.Answer answer;
        try {
            answer = reader.read(namespace, name, metricName);
        } catch (RuntimeException e) {
            answer = new MetricsReader.Failure(500, MetricsReader.INTERNAL_ERROR, "the controller failed to answer ("
                    + e.getClass().getSimpleName() + ")");
        }
        if (answer instanceof MetricsReader.Failure failure) {
            Map<String, String> body = new java.util.LinkedHashMap<>();
            body.put("reason", failure.reason());
            body.put("message", failure.message());
            failure.owner().ifPresent(owner -> body.put("owner", owner));
            return ResponseEntity.status(failure.status()).body(body);
        }
        return ResponseEntity.ok(answer);
    }
}
