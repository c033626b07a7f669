package dev.tide.controller.admission;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import dev.tide.admission.AdmissionReviews;
import dev.tide.admission.PluginParameters;
import dev.tide.controller.MockCluster;
import dev.tide.controller.kube.ApiClusterView;
import dev.tide.controller.kube.InformedClusterView;
import dev.tide.keda.api.validation.ClusterView;
import dev.tide.keda.api.validation.KedaValidator;
import dev.tide.scaler.host.PluginLoader;
import dev.tide.scaler.host.ScalerRegistry;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.security.KeyStore;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import org.slf4j.LoggerFactory;
import org.springframework.util.unit.DataSize;

/**
 * How long the webhook takes to answer an AdmissionReview for a ScaledObject with 10 Kafka triggers, measured by the
 * client over real TLS on one kept-alive connection ({@link HttpsURLConnection}): the JDK HTTPS server, the JSON, the validator, the Kafka binder
 * on every trigger, and the other objects (50 ScaledObjects and 50 HPAs in the namespace) read either from the
 * webhook's informers, as the controller serves it, or with two LISTs per request from the fabric8 mock API server (what
 * direct reads would cost). Run from the repository root:
 *
 * <pre>
 * ./mvnw -B -o -q -pl controller-service test-compile exec:exec -Dexec.executable=java -Dexec.classpathScope=test \
 *   "-Dexec.args=-Xmx512m -cp %classpath dev.tide.controller.admission.WebhookBenchmark 3000 10000"
 * </pre>
 *
 * Arguments: warm-up requests, measured requests. Not run by the test command.
 */
public final class WebhookBenchmark {

    private static final String NAMESPACE = "bench";

    public static void main(String[] args) throws Exception {
        int warmUp = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
        int measured = args.length > 1 ? Integer.parseInt(args[1]) : 10000;
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
        // The mock API server logs every request through java.util.logging.
        java.util.logging.Logger.getLogger("io.fabric8.mockwebserver").setLevel(java.util.logging.Level.WARNING);
        KubernetesClient client = MockCluster.CLIENT;
        seed(client);
        ScalerRegistry registry = PluginLoader.loadBuiltIns();
        KedaValidator validator = new KedaValidator(new PluginParameters(registry::factory, registry::types));
        byte[] review = review().getBytes();
        ClusterView api = new ApiClusterView(client);
        InformedClusterView informed = new InformedClusterView(client, java.util.Set.of(), api);
        informed.start();
        while (informed.scaledObjects(NAMESPACE).size() < 50) {
            Thread.onSpinWait();
        }
        for (var view : List.of(informed, api)) {
            String label = view == api ? "other objects LISTed from the mock API server per request"
                    : "other objects from the webhook's informers (as served)";
            WebhookServer server = new WebhookServer(new WebhookProperties(true, 0, Optional.empty(), DataSize.ofMegabytes(4), 4),
                    new AdmissionReviews(validator, view), new WebhookMetrics(new SimpleMeterRegistry()), serverContext());
            server.start();
            try {
                URL url = URI.create("https://localhost:" + server.port() + "/validate-keda-sh-v1alpha1-scaledobject").toURL();
                SSLSocketFactory sockets = TestCertificate.clientContext().getSocketFactory();
                check(post(url, sockets, review));
                for (int i = 0; i < warmUp; i++) {
                    post(url, sockets, review);
                }
                long[] nanos = new long[measured];
                for (int i = 0; i < measured; i++) {
                    long started = System.nanoTime();
                    post(url, sockets, review);
                    nanos[i] = System.nanoTime() - started;
                }
                Arrays.sort(nanos);
                System.out.printf("%s: %d requests after %d warm-up: p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.2f ms%n", label,
                        measured, warmUp, ms(nanos, 0.50), ms(nanos, 0.99), ms(nanos, 0.999), nanos[nanos.length - 1] / 1e6);
            } finally {
                server.stop();
            }
        }
        informed.close();
        System.exit(0);
    }

    private static void check(String response) {
        if (!response.contains("\"allowed\":true")) {
            throw new IllegalStateException("the benchmark's ScaledObject must be admitted: " + response);
        }
    }

    /** One POST on the JDK's kept-alive HTTPS connection; a request that takes over 5 s fails the run. */
    private static String post(URL url, SSLSocketFactory sockets, byte[] body) throws java.io.IOException {
        HttpsURLConnection connection = (HttpsURLConnection) url.openConnection();
        connection.setSSLSocketFactory(sockets);
        connection.setConnectTimeout(5000);
        connection.setReadTimeout(5000);
        connection.setDoOutput(true);
        connection.setRequestMethod("POST");
        connection.setRequestProperty("Content-Type", "application/json");
        try (var out = connection.getOutputStream()) {
            out.write(body);
        }
        if (connection.getResponseCode() != 200) {
            throw new IllegalStateException("the webhook answered " + connection.getResponseCode());
        }
        try (InputStream in = connection.getInputStream()) {
            return new String(in.readAllBytes());
        }
    }

    private static double ms(long[] sorted, double quantile) {
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1)] / 1e6;
    }

    /** 50 other ScaledObjects and 50 HPAs (each on its own workload), the target Deployment, a LimitRange. */
    private static void seed(KubernetesClient client) {
        String objects = IntStream.range(0, 50).mapToObj(i -> """
                apiVersion: keda.sh/v1alpha1
                kind: ScaledObject
                metadata: {name: other-%1$d, namespace: bench}
                spec:
                  scaleTargetRef: {name: other-%1$d}
                  triggers: [{type: kafka, metadata: {bootstrapServers: "kafka:9092", consumerGroup: g%1$d, topic: t}}]
                ---
                apiVersion: autoscaling/v2
                kind: HorizontalPodAutoscaler
                metadata: {name: hpa-%1$d, namespace: bench}
                spec:
                  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: hpa-target-%1$d}
                  minReplicas: 1
                  maxReplicas: 4
                """.formatted(i)).collect(Collectors.joining("---\n"));
        client.load(new java.io.ByteArrayInputStream(objects.getBytes())).items().forEach(item -> client.resource(item).create());
    }

    /** A ScaledObject with 10 Kafka triggers, every one with a full set of parameters for the binder. */
    private static String review() {
        String triggers = IntStream.range(0, 10).mapToObj(i -> ("{\"type\": \"kafka\", \"name\": \"t%d\", \"metadata\": {"
                + "\"bootstrapServers\": \"kafka-0:9092,kafka-1:9092\", \"consumerGroup\": \"orders-%d\", \"topic\": \"orders-%d\","
                + " \"lagThreshold\": \"50\", \"activationLagThreshold\": \"5\", \"offsetResetPolicy\": \"earliest\","
                + " \"allowIdleConsumers\": \"false\", \"scaleToZeroOnInvalidOffset\": \"false\"}}").formatted(i, i, i))
                .collect(Collectors.joining(", "));
        return ("{\"apiVersion\": \"admission.k8s.io/v1\", \"kind\": \"AdmissionReview\", \"request\": {\"uid\": \"b\","
                + " \"kind\": {\"group\": \"keda.sh\", \"version\": \"v1alpha1\", \"kind\": \"ScaledObject\"}, \"operation\": \"CREATE\","
                + " \"namespace\": \"bench\", \"object\": {\"apiVersion\": \"keda.sh/v1alpha1\", \"kind\": \"ScaledObject\","
                + " \"metadata\": {\"name\": \"orders\", \"namespace\": \"bench\"}, \"spec\": {\"scaleTargetRef\": {\"name\": \"orders\"},"
                + " \"minReplicaCount\": 0, \"maxReplicaCount\": 50, \"triggers\": [%s]}}}}").formatted(triggers);
    }

    private static SSLContext serverContext() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(TestCertificate.keystore())) {
            store.load(in, TestCertificate.PASSWORD.toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, TestCertificate.PASSWORD.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }
}
