package dev.tide.scaler.rabbitmq;

import dev.tide.scaler.api.clients.SharedClients;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.Locale;

/**
 * The JDK HTTP clients of every {@code rabbitmq} trigger on the management API: one per server and TLS identity, shared
 * by the triggers that name it and dropped with the last of them. Credentials are per request, not per client.
 */
final class HttpClients {

    private static final HttpClients SHARED = new HttpClients();

    /** What decides a client: {@code scheme://host:port} and the TLS inputs. */
    record Identity(String server, TlsIdentity tls) {

        static Identity of(RabbitMqTrigger trigger) {
            URI uri = ManagementUrl.queueUri(trigger.parameters());
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            int port = uri.getPort() >= 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
            return new Identity(scheme + "://" + String.valueOf(uri.getHost()).toLowerCase(Locale.ROOT) + ":" + port,
                    TlsIdentity.of(trigger));
        }
    }

    private final SharedClients<Identity, HttpClient> clients = new SharedClients<>(HttpClients::open, HttpClients::close);

    static HttpClients shared() {
        return SHARED;
    }

    /** @throws IllegalArgumentException when the TLS material cannot be used; the message quotes none of it */
    SharedClients.Lease<HttpClient> acquire(Identity identity) {
        return clients.acquire(identity);
    }

    int size() {
        return clients.size();
    }

    private static HttpClient open(Identity identity) {
        HttpClient.Builder builder = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER);
        identity.tls().sslContext().ifPresent(builder::sslContext);
        return builder.build();
    }

    /** From Java 21 a client can be closed; on 17 its thread ends when it is collected. */
    private static void close(HttpClient client) {
        if (client instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception ignored) {
                // Nobody holds it any more.
            }
        }
    }
}
