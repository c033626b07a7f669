package dev.tide.scaler.metricsapi;

import dev.tide.scaler.api.clients.PemMaterial;
import dev.tide.scaler.api.clients.SharedClients;
import dev.tide.scaler.api.clients.SharedHttpClients;
import dev.tide.scaler.api.clients.UnsafeSsl;
import dev.tide.scaler.metricsapi.MetricsApiAuth.TlsIdentity;
import java.net.http.HttpClient;
import java.security.GeneralSecurityException;
import java.util.Optional;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

/**
 * The JDK HTTP clients of every {@code metrics-api} trigger: one per server and TLS identity, shared by the triggers
 * that name them (each client holds a selector thread and a connection pool, so a client per trigger would cost a
 * thread per trigger). Header credentials (bearer, basic, apiKey) go into each request, not into the client.
 */
final class HttpClients {

    /**
     * What makes two triggers' clients the same.
     *
     * @param origin {@code scheme://host:port} of the URL, lower-cased, with the scheme's default port
     * @param unsafeSsl accept any server certificate
     * @param followRedirects only for triggers without credentials: the JDK client would repeat the Authorization or
     *     API key header to wherever a redirect points
     * @param tls tls auth's client certificate and authorities
     */
    record ClientKey(String origin, boolean unsafeSsl, boolean followRedirects, Optional<TlsIdentity> tls) {

        static ClientKey of(MetricsApiParameters parameters, MetricsApiAuth auth) {
            return new ClientKey(SharedHttpClients.origin(parameters.uri()), parameters.unsafeSsl(), auth.authModes().isEmpty(), auth.tls());
        }
    }

    /** A released client is closed from Java 21; on 17 it has nothing to close, and its thread ends with it. */
    private final SharedHttpClients<ClientKey> clients = new SharedHttpClients<>(HttpClients::open);

    /** @throws IllegalArgumentException when the TLS material cannot be used, naming the parameter, never quoting it */
    SharedClients.Lease<HttpClient> acquire(ClientKey key) {
        return clients.acquire(key);
    }

    /** How many clients are open now. */
    int size() {
        return clients.size();
    }

    private static HttpClient open(ClientKey key) {
        HttpClient.Builder builder = HttpClient.newBuilder()
                .followRedirects(key.followRedirects() ? HttpClient.Redirect.NORMAL : HttpClient.Redirect.NEVER);
        if (key.unsafeSsl() || key.tls().isPresent()) {
            builder.sslContext(sslContext(key));
        }
        return builder.build();
    }

    /** KEDA's {@code NewTLSConfig(cert, key, ca, unsafeSsl)}: the key pair, then the CA (read even with unsafeSsl, which trusts anyone). */
    private static SSLContext sslContext(ClientKey key) {
        KeyManager[] keys = key.tls().map(tls -> PemMaterial.keyManagers(tls.cert(), "cert", tls.key(), "key")).orElse(null);
        TrustManager[] authorities = key.tls().flatMap(TlsIdentity::ca).map(ca -> PemMaterial.trustManagers(ca, "ca")).orElse(null);
        TrustManager[] trust = key.unsafeSsl() ? new TrustManager[] {UnsafeSsl.trustingTrustManager()} : authorities;
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys, trust, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM offers no TLS context", e);
        }
    }
}
