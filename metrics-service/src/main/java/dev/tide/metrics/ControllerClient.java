package dev.tide.metrics;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Asks the controller's internal metrics API (docs/internal-metrics-api.md) for one value. Only the
 * elected leader answers; a standby replies 503 {@code NotLeader}. The client tries the replica that
 * last answered as leader first, then the others in order, and remembers whichever answers.
 */
final class ControllerClient {

    static final String PATH = "/internal/v1/namespaces/{namespace}/scaledobjects/{name}/metrics/{metricName}";

    private static final Logger log = LoggerFactory.getLogger(ControllerClient.class);

    private final List<Replica> replicas;
    private final AtomicInteger leader = new AtomicInteger();

    private record Replica(URI base, RestClient client) {}

    /** What one replica said; {@code null} metric means "not the leader, try another". */
    private record Reply(ControllerMetric metric) {
        static final Reply NOT_LEADER = new Reply(null);
    }

    ControllerClient(List<URI> endpoints, RestClient.Builder builder, ClientHttpRequestFactory requestFactory) {
        if (endpoints.isEmpty()) {
            throw new IllegalArgumentException("at least one controller endpoint is needed");
        }
        // One request factory, hence one connection pool, shared by every replica's client.
        this.replicas = endpoints.stream()
                .map(base -> new Replica(base, builder.clone()
                        .baseUrl(base.toString())
                        .requestFactory(requestFactory)
                        .build()))
                .toList();
    }

    /**
     * Reads one metric from the leader.
     *
     * @throws MetricReadException.Answer if the leader says the ScaledObject or metric does not exist or
     *     its source is down
     * @throws MetricReadException.Failure if no replica answered as leader or the leader failed
     */
    ControllerMetric fetch(MetricKey key) {
        int first = leader.get();
        List<String> misses = new ArrayList<>(replicas.size());
        for (int i = 0; i < replicas.size(); i++) {
            int index = (first + i) % replicas.size();
            Replica replica = replicas.get(index);
            Reply reply;
            try {
                reply = replica.client().get()
                        .uri(PATH, key.namespace(), key.scaledObject(), key.metricName())
                        .accept(MediaType.APPLICATION_JSON)
                        .exchange((request, response) -> read(key, response.getStatusCode(), response), true);
            } catch (ResourceAccessException e) {
                misses.add(replica.base() + " " + describe(e));
                continue;
            }
            if (reply == Reply.NOT_LEADER) {
                misses.add(replica.base() + " is not the leader");
                continue;
            }
            if (index != first && leader.compareAndSet(first, index)) {
                log.info("Controller leader is now {} (was {})", replica.base(), replicas.get(first).base());
            }
            return reply.metric();
        }
        throw new MetricReadException.Failure(HttpStatus.SERVICE_UNAVAILABLE,
                "no controller replica answered as leader for " + key + ": " + String.join("; ", misses));
    }

    private static Reply read(MetricKey key, HttpStatusCode status, RestClient.RequestHeadersSpec.ConvertibleClientHttpResponse response) {
        if (status.value() == 200) {
            ControllerMetric metric = body(response, ControllerMetric.class, key);
            if (metric == null) {
                throw new MetricReadException.Failure(HttpStatus.INTERNAL_SERVER_ERROR,
                        "the controller answered 200 without a body for " + key);
            }
            return new Reply(metric);
        }
        ControllerMetric.Error error = errorBody(response);
        String reason = error == null || error.reason() == null ? "" : error.reason();
        String message = error == null || error.message() == null || error.message().isBlank()
                ? "the controller answered HTTP " + status.value() + " for " + key
                : error.message();
        return switch (status.value()) {
            case 404 -> throw new MetricReadException.Answer(HttpStatus.NOT_FOUND, message);
            // Any 503 but the source's own failure (a standby, a restarting pod) means: ask another replica.
            case 503 -> {
                if ("SourceUnavailable".equals(reason)) {
                    throw new MetricReadException.Answer(HttpStatus.SERVICE_UNAVAILABLE, message);
                }
                yield Reply.NOT_LEADER;
            }
            default -> throw new MetricReadException.Failure(HttpStatus.INTERNAL_SERVER_ERROR,
                    "the controller failed (HTTP " + status.value() + (reason.isEmpty() ? "" : " " + reason) + "): "
                            + message);
        };
    }

    private static <T> T body(RestClient.RequestHeadersSpec.ConvertibleClientHttpResponse response, Class<T> type,
            MetricKey key) {
        try {
            return response.bodyTo(type);
        } catch (RestClientException e) {
            throw new MetricReadException.Failure(HttpStatus.INTERNAL_SERVER_ERROR,
                    "the controller's answer for " + key + " could not be read: " + e.getMostSpecificCause().getMessage(),
                    e);
        }
    }

    // Error bodies are best effort: a proxy in between may answer with HTML or nothing.
    private static ControllerMetric.Error errorBody(RestClient.RequestHeadersSpec.ConvertibleClientHttpResponse response) {
        try {
            return response.bodyTo(ControllerMetric.Error.class);
        } catch (RestClientException e) {
            return null;
        }
    }

    private static String describe(ResourceAccessException e) {
        Throwable cause = e.getCause();
        // Apache's client reports connect and read timeouts as InterruptedIOExceptions.
        if (cause instanceof InterruptedIOException) {
            return "timed out";
        }
        if (cause instanceof ConnectException) {
            return "refused the connection";
        }
        if (cause instanceof IOException io) {
            return "failed: " + io;
        }
        return "failed: " + e.getMessage();
    }
}
