package dev.tide.controller.observability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tide.servicetest.MutableClock;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class KubernetesRequestMetricsTest {

    @ParameterizedTest(name = "{0} {1} is {2} {3}")
    @CsvSource({
            "GET, /apis/apps/v1/namespaces/ns/deployments/web/scale, get, deployments.apps/scale",
            "PATCH, /apis/apps/v1/namespaces/ns/statefulsets/db/scale, patch, statefulsets.apps/scale",
            "PUT, /apis/apps/v1/namespaces/ns/deployments/web/scale, update, deployments.apps/scale",
            "GET, /apis/apps/v1/deployments?watch=true&resourceVersion=5, watch, deployments.apps",
            "GET, /apis/apps/v1/namespaces/ns/deployments?resourceVersion=0, list, deployments.apps",
            "GET, /apis/autoscaling/v2/namespaces/ns/horizontalpodautoscalers/keda-hpa-web, get, horizontalpodautoscalers.autoscaling",
            "POST, /apis/autoscaling/v2/namespaces/ns/horizontalpodautoscalers, create, horizontalpodautoscalers.autoscaling",
            "PATCH, /apis/keda.sh/v1alpha1/namespaces/ns/scaledobjects/web/status, patch, scaledobjects.keda.sh/status",
            "POST, /api/v1/namespaces/ns/events, create, events",
            "GET, /api/v1/namespaces/ns/secrets/creds, get, secrets",
            "DELETE, /apis/batch/v1/namespaces/ns/jobs/job-1, delete, jobs.batch",
            "DELETE, /apis/batch/v1/namespaces/ns/jobs, deletecollection, jobs.batch",
            "GET, /api/v1/namespaces/ns, get, namespaces",
            "GET, /api/v1/namespaces, list, namespaces",
            "GET, /apis/apps/v1, get, discovery",
            "GET, /version, get, discovery",
    })
    void aRequestIsNamedByTheApiServersVerbAndKubectlsResourceWithoutNamespaceOrName(String method, String uri, String verb,
            String resource) {
        assertThat(KubernetesRequestMetrics.classify(method, URI.create(uri)))
                .isEqualTo(new KubernetesRequestMetrics.Request(verb, resource));
    }

    @Test
    void eachRequestRaisesTheCounterOfItsVerbAndResource() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        KubernetesRequestMetrics metrics = new KubernetesRequestMetrics(registry, Clock.systemUTC());

        metrics.before(null, request("GET", "/apis/apps/v1/namespaces/ns/deployments/web/scale"), null);
        metrics.before(null, request("GET", "/apis/apps/v1/namespaces/ns/deployments/other/scale"), null);
        metrics.before(null, request("PATCH", "/apis/apps/v1/namespaces/ns/deployments/web/scale"), null);

        assertThat(registry.get("tide.kubernetes.requests").tags("verb", "get", "resource", "deployments.apps/scale").counter()
                .count()).isEqualTo(2);
        assertThat(registry.get("tide.kubernetes.requests").tags("verb", "patch", "resource", "deployments.apps/scale").counter()
                .count()).isEqualTo(1);
    }

    @Test
    void theRequestsOfTheLastMinuteAreCountedPerVerbAndOlderOnesDropOut() {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-03T10:00:00Z"));
        KubernetesRequestMetrics metrics = new KubernetesRequestMetrics(new SimpleMeterRegistry(), clock);

        metrics.before(null, request("GET", "/apis/apps/v1/namespaces/ns/deployments/web/scale"), null);
        clock.advance(Duration.ofSeconds(30));
        metrics.before(null, request("PATCH", "/apis/apps/v1/namespaces/ns/deployments/web/scale"), null);
        metrics.before(null, request("PATCH", "/apis/keda.sh/v1alpha1/namespaces/ns/scaledobjects/web/status"), null);

        assertThat(metrics.perMinute()).isEqualTo(new KubernetesRequestMetrics.PerMinute(3, Map.of("get", 1L, "patch", 2L)));
        clock.advance(Duration.ofSeconds(45));
        assertThat(metrics.perMinute()).isEqualTo(new KubernetesRequestMetrics.PerMinute(2, Map.of("get", 0L, "patch", 2L)));
        clock.advance(Duration.ofMinutes(1));
        assertThat(metrics.perMinute().total()).isZero();
    }

    private static HttpRequest request(String method, String path) {
        URI uri = URI.create("https://api.example:6443" + path);
        return (HttpRequest) Proxy.newProxyInstance(HttpRequest.class.getClassLoader(), new Class<?>[] {HttpRequest.class},
                (proxy, m, args) -> switch (m.getName()) {
                    case "method" -> method;
                    case "uri" -> uri;
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }
}
