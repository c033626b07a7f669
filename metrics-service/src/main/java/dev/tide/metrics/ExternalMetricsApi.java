package dev.tide.metrics;

import dev.tide.keda.api.KedaApi;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The {@code external.metrics.k8s.io/v1beta1} API the HPA reads through the kube-apiserver's aggregation
 * layer, and the discovery documents the aggregator needs to route to it.
 *
 * <p>Every answer names its content type explicitly: the aggregator asks {@code /apis} for aggregated
 * discovery ({@code application/json;g=apidiscovery.k8s.io;...}) and falls back to the legacy documents
 * only if the reply's type is plain {@code application/json}.
 */
@RestController
final class ExternalMetricsApi {

    private static final String V1BETA1 = "/apis/" + ExternalMetricValueList.GROUP_VERSION;

    private final MetricReader reader;
    private final byte[] openApi;

    ExternalMetricsApi(MetricReader reader) {
        this.reader = reader;
        try (InputStream in = ExternalMetricsApi.class.getResourceAsStream("/openapi-v2.json")) {
            this.openApi = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("openapi-v2.json is missing from the class path", e);
        }
    }

    @GetMapping("/apis")
    ResponseEntity<Discovery.ApiGroupList> groups() {
        return json(Discovery.GROUP_LIST);
    }

    @GetMapping("/apis/" + ExternalMetricValueList.GROUP)
    ResponseEntity<Discovery.ApiGroup> group() {
        return json(Discovery.GROUP_DOCUMENT);
    }

    @GetMapping(V1BETA1)
    ResponseEntity<Discovery.ApiResourceList> resources() {
        return json(Discovery.RESOURCE_LIST);
    }

    @GetMapping("/openapi/v2")
    ResponseEntity<byte[]> openApi() {
        return json(openApi);
    }

    @GetMapping(V1BETA1 + "/namespaces/{namespace}/{metric}")
    ResponseEntity<ExternalMetricValueList> metric(
            @PathVariable String namespace, @PathVariable String metric,
            @RequestParam(name = "labelSelector", required = false) String labelSelector) {
        String scaledObject = LabelSelector.parse(labelSelector).exactValue(KedaApi.SCALED_OBJECT_NAME_LABEL)
                .orElseThrow(() -> new LabelSelector.InvalidSelectorException("scaledObject name is not specified"));
        MetricReader.Reading reading = reader.read(new MetricKey(namespace, scaledObject, metric));
        if (reading.lastKnownAge().isPresent()) {
            // client-go logs 299 warnings, so the HPA's controller manager shows that the value is old.
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                    .header("Warning", "299 - \"the controller failed; this is the last known value, "
                            + reading.lastKnownAge().get().toSeconds() + "s old\"")
                    .body(reading.values());
        }
        return json(reading.values());
    }

    private static <T> ResponseEntity<T> json(T body) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
    }
}
