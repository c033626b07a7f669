package dev.tide.scaler.rabbitmq;

import dev.tide.scaler.api.clients.SharedClients;
import dev.tide.scaler.api.clients.SharedHttpClients;
import java.net.http.HttpClient;

/**
 * The JDK HTTP clients of every {@code rabbitmq} trigger on the management API: one per server and TLS identity, shared
 * by the triggers that name it and dropped with the last of them. Credentials are per request, not per client.
 */
final class HttpClients {

    private static final HttpClients SHARED = new HttpClients();

    /** What decides a client: {@code scheme://host:port} and the TLS inputs. */
    record Identity(String server, TlsIdentity tls) {

        static Identity of(RabbitMqTrigger trigger) {
            return new Identity(SharedHttpClients.origin(ManagementUrl.queueUri(trigger.parameters())), TlsIdentity.of(trigger));
        }
    }

    private final SharedHttpClients<Identity> clients = new SharedHttpClients<>(HttpClients::open);

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
}
