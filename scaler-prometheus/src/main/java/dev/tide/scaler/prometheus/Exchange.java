package dev.tide.scaler.prometheus;

import dev.tide.scaler.api.Secret;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One GET as Go's {@code http.Client} does it for KEDA: redirects followed (at most 10), a credential header kept only
 * while the redirect stays on the first host or one of its subdomains, and one deadline for the whole exchange,
 * redirects and body included ({@code Client.Timeout}). The pooled JDK clients never follow redirects themselves.
 */
final class Exchange {

    private static final int MAX_REDIRECTS = 10;
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

    private Exchange() {
    }

    /** Why an exchange failed; the message names the server as {@link #shown(URI)} shows it and quotes no header. */
    static final class ExchangeException extends Exception {
        ExchangeException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * The time one read may take: a deadline on {@link System#nanoTime()}, and the timeout it came from for messages.
     */
    record Budget(long deadline, Duration timeout) {

        static Budget of(Duration timeout) {
            return new Budget(System.nanoTime() + timeout.toNanos(), timeout);
        }

        long remainingNanos() {
            return Math.max(0, deadline - System.nanoTime());
        }
    }

    /**
     * @param credentials the headers that stay behind when a redirect leaves the first host
     * @param budget the time for everything, redirects and bodies included
     */
    static HttpResponse<byte[]> get(HttpClient client, URI uri, Map<String, Secret> headers, Set<String> credentials,
            Budget budget) throws ExchangeException {
        URI current = uri;
        Map<String, Secret> sent = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        sent.putAll(headers);
        for (int redirects = 0; ; redirects++) {
            HttpResponse<byte[]> response = send(client, request(current, sent, budget).GET().build(), budget);
            Optional<String> location = response.headers().firstValue("Location");
            if (!REDIRECTS.contains(response.statusCode()) || location.isEmpty()) {
                return response;
            }
            if (redirects == MAX_REDIRECTS) {
                throw new ExchangeException("GET " + shown(uri) + " failed: stopped after 10 redirects", null);
            }
            URI next;
            try {
                next = current.resolve(location.get());
            } catch (IllegalArgumentException e) {
                throw new ExchangeException("GET " + shown(uri) + " failed: a redirect to a location that is not a URL", e);
            }
            if (!isDomainOrSubdomain(host(next), host(uri))) {
                sent.keySet().removeAll(credentials);
            }
            current = next;
        }
    }

    /** The URL without user info and query (which may carry a key): what messages may show. */
    static String shown(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
                + (uri.getRawPath() == null ? "" : uri.getRawPath());
    }

    /** A request to {@code uri} with these headers and what is left of the budget as its timeout. */
    static HttpRequest.Builder request(URI uri, Map<String, Secret> headers, Budget budget) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofNanos(Math.max(1, budget.remainingNanos())));
        headers.forEach((name, value) -> request.header(name, value.reveal()));
        return request;
    }

    /** Sends one request and reads its body within the budget; the JDK client's own timeout covers the headers only. */
    static HttpResponse<byte[]> send(HttpClient client, HttpRequest request, Budget budget) throws ExchangeException {
        CompletableFuture<HttpResponse<byte[]>> response = client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
        try {
            return response.get(budget.remainingNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            response.cancel(true);
            throw timedOut(request, budget.timeout(), e);
        } catch (InterruptedException e) {
            response.cancel(true);
            Thread.currentThread().interrupt();
            throw new ExchangeException(request.method() + " " + shown(request.uri()) + " was interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof java.net.http.HttpTimeoutException) {
                throw timedOut(request, budget.timeout(), e.getCause());
            }
            // The JDK's messages name host and port at most, never a header or the query.
            Throwable cause = e.getCause() instanceof IOException ? e.getCause() : e;
            throw new ExchangeException(request.method() + " " + shown(request.uri()) + " failed: " + cause, cause);
        }
    }

    private static ExchangeException timedOut(HttpRequest request, Duration timeout, Throwable cause) {
        return new ExchangeException(request.method() + " " + shown(request.uri()) + " got no answer within " + timeout.toMillis()
                + " ms (the trigger's timeout)", cause);
    }

    private static String host(URI uri) {
        return uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
    }

    /** Go's {@code isDomainOrSubdomain}: {@code sub} is {@code parent} or ends with {@code .parent}; IPs only match themselves. */
    private static boolean isDomainOrSubdomain(String sub, String parent) {
        if (sub.equals(parent)) {
            return true;
        }
        if (parent.startsWith("[") || parent.chars().allMatch(c -> Character.isDigit(c) || c == '.')) {
            return false;
        }
        return sub.endsWith("." + parent);
    }
}
