package dev.tide.scaler.api.clients;

import java.net.URI;
import java.net.http.HttpClient;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * {@link SharedClients} for the JDK's {@link HttpClient} (SPI 1.6): one client per key (a server and its TLS inputs),
 * shared by the triggers that name it and closed with the last of them. A JDK client holds a selector thread and a
 * connection pool, so a client per trigger would cost a thread per trigger. The plugin builds each client (redirects,
 * TLS); credentials belong in requests, never in the key's {@code toString} or the client.
 *
 * @param <K> what decides a client; a value type ({@code equals}, {@code hashCode})
 */
public final class SharedHttpClients<K> {

    private final SharedClients<K, HttpClient> clients;

    /** @param open builds the client for a key on its first use; what it throws reaches {@link #acquire} */
    public SharedHttpClients(Function<K, HttpClient> open) {
        this.clients = new SharedClients<>(Objects.requireNonNull(open, "open"), SharedHttpClients::close);
    }

    /** A share of the client for {@code key}, built on first use. */
    public SharedClients.Lease<HttpClient> acquire(K key) {
        return clients.acquire(key);
    }

    /** How many distinct clients are open now. */
    public int size() {
        return clients.size();
    }

    /** {@code scheme://host:port} of a URL, lower-cased, the port filled in from the scheme when the URL has none. */
    public static String origin(URI uri) {
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort() >= 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        return scheme + "://" + String.valueOf(uri.getHost()).toLowerCase(Locale.ROOT) + ":" + port;
    }

    /** From Java 21 a client can be closed; on 17 its thread ends when it is collected. */
    private static void close(HttpClient client) {
        if (client instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception ignored) {
                // Nobody holds it any more; whatever it was doing is abandoned.
            }
        }
    }
}
