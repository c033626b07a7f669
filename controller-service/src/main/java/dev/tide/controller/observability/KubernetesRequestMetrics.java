package dev.tide.controller.observability;

import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code tide_kubernetes_requests_total{verb, resource}}: every request the controller's Kubernetes client sends, as
 * a fabric8 {@link Interceptor} on that client. {@code verb} is the API server's own ({@code get}, {@code list},
 * {@code watch}, {@code create}, {@code update}, {@code patch}, {@code delete}, {@code deletecollection});
 * {@code resource} is kubectl's {@code resource.group} with the subresource after a slash
 * ({@code deployments.apps/scale}, {@code scaledobjects.keda.sh/status}, {@code events}), or {@code discovery} for the
 * API server's discovery paths. No namespace or name: the series stay few whatever the number of objects.
 */
public final class KubernetesRequestMetrics implements Interceptor {

    /** The name of the interceptor on the client. */
    public static final String INTERCEPTOR = "tide-request-metrics";

    /** What one request was. */
    record Request(String verb, String resource) {
    }

    /** The requests of the last minute, in all and per verb, as {@code /actuator/shards} shows them. */
    public record PerMinute(long total, Map<String, Long> byVerb) {
    }

    private final MeterRegistry registry;
    private final Clock clock;
    private final Map<Request, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, MinuteWindow> lastMinute = new ConcurrentHashMap<>();

    public KubernetesRequestMetrics(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    /** The requests sent in the last 60 seconds. */
    public PerMinute perMinute() {
        Map<String, Long> byVerb = new TreeMap<>();
        lastMinute.forEach((verb, window) -> byVerb.put(verb, window.lastMinute()));
        return new PerMinute(byVerb.values().stream().mapToLong(Long::longValue).sum(), byVerb);
    }

    @Override
    public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
        Request classified = classify(request.method(), request.uri());
        counters.computeIfAbsent(classified, r -> Counter.builder("tide.kubernetes.requests")
                .description("Requests the controller sent to the Kubernetes API server")
                .tags("verb", r.verb(), "resource", r.resource())
                .register(registry)).increment();
        lastMinute.computeIfAbsent(classified.verb(), verb -> new MinuteWindow(clock)).add();
    }

    /** The verb and resource of a request to {@code uri} (Kubernetes' request-info rules, without names). */
    static Request classify(String method, URI uri) {
        List<String> segments = Arrays.stream(uri.getRawPath().split("/")).filter(s -> !s.isEmpty()).toList();
        // /api/v1/... is the core group; /apis/<group>/<version>/... any other.
        int prefix = segments.isEmpty() ? 0 : switch (segments.get(0)) {
            case "api" -> 2;
            case "apis" -> 3;
            default -> Integer.MAX_VALUE;
        };
        if (segments.size() <= prefix) {
            return new Request(method.toLowerCase(Locale.ROOT), "discovery");
        }
        String group = segments.get(0).equals("api") ? "" : segments.get(1);
        List<String> rest = segments.subList(prefix, segments.size());
        if (rest.get(0).equals("namespaces") && rest.size() > 2) {
            rest = rest.subList(2, rest.size());
        }
        String resource = rest.get(0) + (group.isEmpty() ? "" : "." + group) + (rest.size() > 2 ? "/" + rest.get(2) : "");
        boolean named = rest.size() > 1;
        return new Request(verb(method, named, uri.getRawQuery()), resource);
    }

    private static String verb(String method, boolean named, String query) {
        return switch (method.toUpperCase(Locale.ROOT)) {
            case "GET" -> named ? "get" : watch(query) ? "watch" : "list";
            case "POST" -> "create";
            case "PUT" -> "update";
            case "PATCH" -> "patch";
            case "DELETE" -> named ? "delete" : "deletecollection";
            default -> method.toLowerCase(Locale.ROOT);
        };
    }

    private static boolean watch(String query) {
        return query != null && Arrays.stream(query.split("&")).anyMatch(p -> p.equals("watch=true") || p.equals("watch=1"));
    }
}
