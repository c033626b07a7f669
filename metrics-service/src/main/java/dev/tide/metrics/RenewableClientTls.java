package dev.tide.metrics;

import java.io.IOException;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLSocket;
import org.apache.hc.client5.http.impl.DefaultClientConnectionReuseStrategy;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.client5.http.ssl.DefaultHostnameVerifier;
import org.apache.hc.client5.http.ssl.TlsSocketStrategy;
import org.apache.hc.core5.http.ConnectionReuseStrategy;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.util.TimeValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.http.client.HttpComponentsClientHttpRequestFactoryBuilder;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;

/**
 * The client certificate, key and trusted CA for connections to the controller, renewed while the service runs.
 *
 * <p>Each version of the SSL bundle is a generation with its own SSL context. A delegating key manager in one context
 * (as the controller's webhook server uses) is not enough for a client: that context's session cache would resume
 * sessions made before the renewal, and the controller would go on seeing the old certificate. Every request carries
 * the generation that was current when it started as its Apache HttpClient user token, and the pool only hands a
 * request a connection released under the same token, so a request never reuses a connection made with older
 * material. A new connection's handshake uses the generation of the request that opens it. A connection of an older
 * generation is closed instead of being returned to the pool when its request ends, or, if it was idle at the
 * renewal, by the idle-connection eviction.
 */
final class RenewableClientTls implements TlsSocketStrategy, ConnectionReuseStrategy {

    /** One version of the bundle: the pool state of the connections made with it. */
    private record Generation(long number, TlsSocketStrategy tls) {}

    private static final Logger log = LoggerFactory.getLogger(RenewableClientTls.class);

    /**
     * Idle connections are closed after this long (checked as often). Connections of an older generation that were
     * idle at the renewal are never taken again, so this is what closes them; it is also below the controller's
     * keep-alive time-out (Tomcat's 60 s), so current connections are rarely closed under a request by the server.
     */
    private static final TimeValue IDLE_CONNECTIONS_CLOSED_AFTER = TimeValue.ofSeconds(30);

    private final AtomicLong versions = new AtomicLong();
    private volatile Generation current;

    private RenewableClientTls(SslBundle bundle) {
        current = generation(bundle);
    }

    /** Material from {@code bundle}, renewed whenever Spring Boot reloads the bundle's files (reload-on-update). */
    static RenewableClientTls follow(SslBundles bundles, String name, SslBundle bundle) {
        RenewableClientTls tls = new RenewableClientTls(bundle);
        bundles.addBundleUpdateHandler(name, renewed -> {
            tls.use(renewed);
            log.info("Requests to the controller now use the renewed client certificate and CA of SSL bundle {};"
                    + " connections made with the old ones are not reused", name);
        });
        return tls;
    }

    /** The request factory, with its TLS, its pool's reuse and each request's context tied to this material. */
    HttpComponentsClientHttpRequestFactoryBuilder applyTo(HttpComponentsClientHttpRequestFactoryBuilder builder) {
        return builder.withTlsSocketStrategyFactory(ignored -> this)
                .withHttpClientCustomizer(client -> client.setConnectionReuseStrategy(this)
                        .evictIdleConnections(IDLE_CONNECTIONS_CLOSED_AFTER))
                .withCustomizer(factory -> factory.setHttpContextFactory((method, uri) -> requestContext()));
    }

    /** New requests use the bundle's material from now on; requests under way finish on their connections. */
    private void use(SslBundle bundle) {
        current = generation(bundle);
    }

    /** The context of one request to the controller, which ties its connection to the current generation. */
    private HttpContext requestContext() {
        HttpClientContext context = HttpClientContext.create();
        context.setUserToken(current);
        return context;
    }

    @Override
    public SSLSocket upgrade(Socket socket, String target, int port, Object attachment, HttpContext context)
            throws IOException {
        return generationOf(context).tls().upgrade(socket, target, port, attachment, context);
    }

    @Override
    public boolean keepAlive(HttpRequest request, HttpResponse response, HttpContext context) {
        return generationOf(context) == current
                && DefaultClientConnectionReuseStrategy.INSTANCE.keepAlive(request, response, context);
    }

    private Generation generationOf(HttpContext context) {
        // Every request comes with a generation (requestContext); the fallback only guards a caller that bypasses it.
        Object token = HttpClientContext.castOrCreate(context).getUserToken();
        return token instanceof Generation generation ? generation : current;
    }

    /** As Spring Boot makes a TLS strategy from an SSL bundle: its protocols and ciphers, host names verified. */
    private Generation generation(SslBundle bundle) {
        DefaultClientTlsStrategy tls = new DefaultClientTlsStrategy(bundle.createSslContext(),
                bundle.getOptions().getEnabledProtocols(), bundle.getOptions().getCiphers(), null,
                new DefaultHostnameVerifier());
        return new Generation(versions.incrementAndGet(), tls);
    }
}
