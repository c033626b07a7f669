package dev.tide.metrics;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
 * Asks the controller's internal metrics API (docs/internal-metrics-api.md) for one value. Under leader
 * election only the leader answers; a standby replies 503 {@code NotLeader}. With sharded controllers
 * each ScaledObject has its own owner; another replica replies 503 {@code NotOwner} naming the owner's
 * identity (its pod name), and the client asks next the endpoint whose host name starts with that name
 * (the chart lists one endpoint per pod of the controller's headless Service). The client tries the
 * replica that last answered for the ScaledObject first (else the one that last answered at all), then
 * the owner named, then the others in order, and remembers whichever answers.
 */
final class ControllerClient {

    static final String PATH = "/internal/v1/namespaces/{namespace}/scaledobjects/{name}/metrics/{metricName}";

    private static final Logger log = LoggerFactory.getLogger(ControllerClient.class);

    private final List<Replica> replicas;
    private final AtomicInteger leader = new AtomicInteger();
    /** How many owners are remembered at most; past it they are forgotten at once (a hint costs one 503 to relearn). */
    static final int MAX_REMEMBERED_OWNERS = 100_000;

    /**
     * namespace/name → index of the replica that last answered for that ScaledObject (sharded controllers). Hints
     * only, so bounded the simplest way: ScaledObjects come and go and a deleted one's entry must not stay forever.
     */
    private final Map<String, Integer> owners = new ConcurrentHashMap<>();
    private final int maxRememberedOwners;

    private record Replica(URI base, RestClient client) {}

    /** What one replica said; {@code null} metric means "not the leader (or owner), try another", maybe that owner. */
    private record Reply(ControllerMetric metric, String owner) {}

    ControllerClient(List<URI> endpoints, RestClient.Builder builder, ClientHttpRequestFactory requestFactory) {
        this(endpoints, builder, requestFactory, MAX_REMEMBERED_OWNERS);
    }

    ControllerClient(List<URI> endpoints, RestClient.Builder builder, ClientHttpRequestFactory requestFactory, int maxRememberedOwners) {
        this.maxRememberedOwners = maxRememberedOwners;
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
        String object = key.namespace() + "/" + key.scaledObject();
        int lastLeader = leader.get();
        int first = owners.getOrDefault(object, lastLeader);
        List<String> misses = new ArrayList<>(replicas.size());
        Set<Integer> tried = new HashSet<>();
        Integer index = first;
        while (index != null) {
            tried.add(index);
            Replica replica = replicas.get(index);
            Reply reply;
            try {
                reply = replica.client().get()
                        .uri(PATH, key.namespace(), key.scaledObject(), key.metricName())
                        .accept(MediaType.APPLICATION_JSON)
                        .exchange((request, response) -> read(key, response.getStatusCode(), response), true);
            } catch (ResourceAccessException e) {
                misses.add(replica.base() + " " + describe(e));
                index = next(first, tried, null);
                continue;
            }
            if (reply.metric() == null) {
                misses.add(replica.base() + (reply.owner() == null ? " is not the leader" : " is not the owner (" + reply.owner() + " is)"));
                index = next(first, tried, reply.owner());
                continue;
            }
            remember(object, index);
            if (index != lastLeader && leader.compareAndSet(lastLeader, index)) {
                log.debug("Controller replica {} answered (the last one to answer was {})", replica.base(), replicas.get(lastLeader).base());
            }
            return reply.metric();
        }
        throw new MetricReadException.Failure(HttpStatus.SERVICE_UNAVAILABLE,
                "no controller replica answered as leader for " + key + ": " + String.join("; ", misses));
    }

    private void remember(String object, int index) {
        if (owners.size() >= maxRememberedOwners && !owners.containsKey(object)) {
            owners.clear();
        }
        owners.put(object, index);
    }

    /** How many ScaledObjects' owners are remembered now. */
    int rememberedOwners() {
        return owners.size();
    }

    /** The owner named, if it is one of the endpoints not asked yet; else the next endpoint in order not asked yet. */
    private Integer next(int first, Set<Integer> tried, String owner) {
        if (owner != null) {
            for (int i = 0; i < replicas.size(); i++) {
                String host = replicas.get(i).base().getHost();
                if (!tried.contains(i) && host != null && (host.equals(owner) || host.startsWith(owner + "."))) {
                    return i;
                }
            }
        }
        for (int i = 0; i < replicas.size(); i++) {
            int index = (first + i) % replicas.size();
            if (!tried.contains(index)) {
                return index;
            }
        }
        return null;
    }

    private static Reply read(MetricKey key, HttpStatusCode status, RestClient.RequestHeadersSpec.ConvertibleClientHttpResponse response) {
        if (status.value() == 200) {
            ControllerMetric metric = body(response, ControllerMetric.class, key);
            if (metric == null) {
                throw new MetricReadException.Failure(HttpStatus.INTERNAL_SERVER_ERROR,
                        "the controller answered 200 without a body for " + key);
            }
            return new Reply(metric, null);
        }
        ControllerMetric.Error error = errorBody(response);
        String reason = error == null || error.reason() == null ? "" : error.reason();
        String message = error == null || error.message() == null || error.message().isBlank()
                ? "the controller answered HTTP " + status.value() + " for " + key
                : error.message();
        return switch (status.value()) {
            case 404 -> throw new MetricReadException.Answer(HttpStatus.NOT_FOUND, message);
            // Any 503 but the source's own failure (a standby, another shard's replica, a restarting pod)
            // means: ask another replica, the owner first when the answer names it.
            case 503 -> {
                if ("SourceUnavailable".equals(reason)) {
                    throw new MetricReadException.Answer(HttpStatus.SERVICE_UNAVAILABLE, message);
                }
                yield new Reply(null, error == null || error.owner() == null || error.owner().isBlank() ? null : error.owner());
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
