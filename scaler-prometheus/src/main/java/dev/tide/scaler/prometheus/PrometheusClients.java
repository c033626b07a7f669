package dev.tide.scaler.prometheus;

import dev.tide.scaler.api.clients.PemMaterial;
import dev.tide.scaler.api.clients.SharedClients;
import dev.tide.scaler.api.clients.SharedHttpClients;
import dev.tide.scaler.api.clients.UnsafeSsl;
import java.net.http.HttpClient;
import javax.net.ssl.KeyManager;
import javax.net.ssl.TrustManager;

/**
 * The JDK HTTP clients of every {@code prometheus} trigger: one per {@link ClientIdentity} (server and TLS inputs),
 * shared by the triggers that name it and dropped when the last one is closed. A JDK client holds a selector thread
 * and a connection pool, so a client per trigger would cost a thread per trigger.
 */
final class PrometheusClients {

    private static final PrometheusClients SHARED = new PrometheusClients();

    private final SharedHttpClients<ClientIdentity> clients = new SharedHttpClients<>(PrometheusClients::open);

    /** The clients every factory the ServiceLoader makes shares. */
    static PrometheusClients shared() {
        return SHARED;
    }

    /** @throws IllegalArgumentException when the TLS material cannot be read; the message quotes none of it */
    SharedClients.Lease<HttpClient> acquire(ClientIdentity identity) {
        return clients.acquire(identity);
    }

    /** How many clients are open now. */
    int size() {
        return clients.size();
    }

    /** Redirects are the scaler's to follow ({@link Exchange}), so a credential never follows one to another host. */
    private static HttpClient open(ClientIdentity identity) {
        HttpClient.Builder builder = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER);
        if (identity.unsafeSsl()) {
            builder.sslContext(PemMaterial.sslContext(null, new TrustManager[] {UnsafeSsl.trustingTrustManager()}));
        } else if (identity.ca().isPresent() || identity.cert().isPresent()) {
            TrustManager[] trust = identity.ca().map(ca -> PemMaterial.trustManagers(ca, "ca")).orElse(null);
            KeyManager[] keys = identity.cert().isEmpty() ? null
                    : PemMaterial.keyManagers(identity.cert().get(), "cert", identity.key().orElseThrow(), "key");
            builder.sslContext(PemMaterial.sslContext(keys, trust));
        }
        return builder.build();
    }
}
