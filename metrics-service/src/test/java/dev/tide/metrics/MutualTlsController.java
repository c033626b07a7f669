package dev.tide.metrics;

import java.math.BigInteger;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * A stand-in for the controller's internal metrics API with the controller's TLS set-up as the chart writes it:
 * Spring Boot's Tomcat with SSL bundle {@code internal} from {@code tls.crt}, {@code tls.key} and {@code ca.crt} in
 * one folder, {@code client-auth: need} and {@code reload-on-update}. It answers every metric with 1 and records the
 * serial number of the client certificate each request came with (for a kept-alive connection, the one of its
 * handshake).
 */
final class MutualTlsController implements AutoCloseable {

    private final List<BigInteger> clientSerials = new CopyOnWriteArrayList<>();
    private final ConfigurableApplicationContext context;
    private volatile CyclicBarrier gate;

    /** Auto-configuration only: no component scan, so none of the metrics service's own beans. */
    @EnableAutoConfiguration
    static class Application {}

    private MutualTlsController(Path certDir) {
        RouterFunction<ServerResponse> api = RouterFunctions.route().GET(ControllerClient.PATH, this::answer).build();
        context = new SpringApplicationBuilder(Application.class)
                .web(WebApplicationType.SERVLET)
                .initializers(app -> ((GenericApplicationContext) app).registerBean("internalMetricsApi",
                        RouterFunction.class, () -> api))
                .run("--spring.config.name=tide-test-controller", "--spring.main.banner-mode=off",
                        "--server.port=0", "--server.ssl.bundle=internal", "--server.ssl.client-auth=need",
                        "--spring.ssl.bundle.pem.internal.reload-on-update=true",
                        "--spring.ssl.bundle.pem.internal.keystore.certificate=file:" + certDir.resolve("tls.crt"),
                        "--spring.ssl.bundle.pem.internal.keystore.private-key=file:" + certDir.resolve("tls.key"),
                        "--spring.ssl.bundle.pem.internal.truststore.certificate=file:" + certDir.resolve("ca.crt"),
                        "--spring.ssl.bundle.watch.file.quiet-period=200ms");
    }

    /** Starts the controller on a free port, serving from the files in {@code certDir}. */
    static MutualTlsController start(Path certDir) {
        return new MutualTlsController(certDir);
    }

    /** Writes the controller's files for one CA: a serving certificate it issued, and itself as the client CA. */
    static void writeFiles(Path dir, TestPki authority) {
        authority.server("tide-controller").writePem(dir, "tls");
        authority.writeCertificate(dir, "ca");
    }

    int port() {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    /** The serial numbers of the client certificates of the requests answered so far, in order. */
    List<BigInteger> clientSerials() {
        return List.copyOf(clientSerials);
    }

    /**
     * Holds every request until {@code parties} requests are in at once, so they arrive on as many connections; a
     * request that waits 10 s in vain fails. {@code null} lets requests through one by one again.
     */
    void gather(CyclicBarrier parties) {
        gate = parties;
    }

    @Override
    public void close() {
        context.close();
    }

    private ServerResponse answer(ServerRequest request) throws Exception {
        X509Certificate[] chain = (X509Certificate[]) request.servletRequest()
                .getAttribute("jakarta.servlet.request.X509Certificate");
        clientSerials.add(chain[0].getSerialNumber());
        CyclicBarrier parties = gate;
        if (parties != null) {
            parties.await(10, TimeUnit.SECONDS);
        }
        String namespace = request.pathVariable("namespace");
        String name = request.pathVariable("name");
        String metric = request.pathVariable("metricName");
        return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).body("""
                {"namespace":"%s","scaledObject":"%s","metricName":"%s",
                 "values":[{"metricName":"%s","value":"1","timestamp":"%s"}],
                 "fromLastPoll":false,"fallback":false}""".formatted(namespace, name, metric, metric, Instant.now()));
    }
}
