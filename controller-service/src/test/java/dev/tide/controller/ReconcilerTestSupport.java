package dev.tide.controller;

import static org.awaitility.Awaitility.await;

import dev.tide.controller.admission.TestCertificate;
import dev.tide.controller.sources.ScalerFactories;
import dev.tide.keda.api.Condition;
import dev.tide.keda.api.ScaledObject;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import dev.tide.scaler.api.ScalerFactory;
import dev.tide.scaler.host.PluginLoader;
import dev.tide.scaler.host.ScalerRegistry;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What the reconciler tests share: one Spring context (the test classes extend this class and so share Spring's
 * cached context), one mock API server, and the fake scaler factories. Each test works in its own namespace.
 */
@SpringBootTest(classes = {TideControllerApplication.class, ReconcilerTestSupport.Beans.class}, properties = {
        "tide.controller.cluster-object-namespace=tide-system",
        "tide.controller.retry-initial-interval=200ms",
        "tide.controller.retry-max-interval=1s",
        "tide.controller.max-concurrent-reconciles=2",
        // These tests check the reconciler alone; the scale loops have their own ITs (Scaling*IT, their own JVM).
        "tide.controller.scale-loops.enabled=false",
        "server.port=0", "management.server.port=0",
        // The webhook runs too (over TLS, see WebhookIT); the mock API server never calls it, as with the webhook off.
        "tide.webhooks.enabled=true", "tide.webhooks.port=0", "tide.webhooks.ssl-bundle=webhook"})
abstract class ReconcilerTestSupport {

    @DynamicPropertySource
    static void webhookCertificate(DynamicPropertyRegistry registry) {
        registry.add("spring.ssl.bundle.jks.webhook.keystore.location", () -> "file:" + TestCertificate.keystore().toAbsolutePath());
        registry.add("spring.ssl.bundle.jks.webhook.keystore.password", () -> TestCertificate.PASSWORD);
        registry.add("spring.ssl.bundle.jks.webhook.keystore.type", () -> "PKCS12");
    }

    private static final ScalerRegistry BUILT_INS = PluginLoader.loadBuiltIns();
    /** The real azure-queue and kafka scalers, from the plugin loader's class-path scan, recorded. */
    static final RecordingScalerFactory AZURE_QUEUE = builtIn("azure-queue");
    static final RecordingScalerFactory KAFKA = builtIn("kafka");
    /** The careless stand-in; metadata {@code stubMetricSpecs} chooses the metric specs it reports (KEDA's mocked scaler). */
    static final RecordingScalerFactory CARELESS = new RecordingScalerFactory(
            new StubMetricSpecsScalerFactory(new FakeQueueScalerFactory("careless-queue", "connection")));
    /** A well-formed connection string for the local storage emulator; nothing connects to it while reconciling. */
    static final String DEV_STORAGE = "UseDevelopmentStorage=true";
    static final KubernetesClient CLIENT = MockCluster.CLIENT;
    // Generous for 2 shared cores; a passing wait returns as soon as the condition holds.
    static final Duration WAIT = Duration.ofSeconds(20);

    @TestConfiguration(proxyBeanMethods = false)
    static class Beans {
        @Bean
        @Primary
        KubernetesClient mockClusterClient() {
            return MockCluster.CLIENT;
        }

        /** Created after Spring Boot has set up logging, so the capture survives the reset. */
        @Bean
        ListAppenderHolder logCapture() {
            MockCluster.captureLogs();
            return new ListAppenderHolder();
        }

        @Bean
        @Primary
        ScalerFactories recordedScalerFactories() {
            Map<String, ScalerFactory> byType = new TreeMap<>();
            Stream.of(AZURE_QUEUE, KAFKA, CARELESS).forEach(f -> byType.put(f.type(), f));
            return new ScalerFactories() {
                @Override
                public Optional<ScalerFactory> factory(String type) {
                    return Optional.ofNullable(byType.get(type));
                }

                @Override
                public Set<String> types() {
                    return byType.keySet();
                }
            };
        }
    }

    private static RecordingScalerFactory builtIn(String type) {
        return new RecordingScalerFactory(BUILT_INS.factory(type)
                .orElseThrow(() -> new AssertionError("the " + type + " scaler is not on the test class path")));
    }

    /** Marks that the log capture is attached. */
    static final class ListAppenderHolder {
    }

    /** Creates every object of a YAML text (one or more documents) in {@code namespace}. */
    static void apply(String namespace, String yaml) {
        List<HasMetadata> items = CLIENT.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))).items();
        for (HasMetadata item : items) {
            if (!"ClusterTriggerAuthentication".equals(item.getKind())) {
                item.getMetadata().setNamespace(item.getMetadata().getNamespace() == null || "default".equals(item.getMetadata().getNamespace())
                        ? namespace : item.getMetadata().getNamespace());
            } else {
                item.getMetadata().setNamespace(null);
            }
            CLIENT.resource(item).create();
        }
    }

    static ScaledObject scaledObject(String namespace, String name) {
        return CLIENT.resources(ScaledObject.class).inNamespace(namespace).withName(name).get();
    }

    static Optional<Condition> condition(String namespace, String name, String type) {
        ScaledObject so = scaledObject(namespace, name);
        return so == null || so.getStatus() == null ? Optional.empty() : so.getStatus().condition(type);
    }

    static Condition awaitCondition(String namespace, String name, String type, String status) {
        return await().atMost(WAIT).until(() -> condition(namespace, name, type).orElse(null),
                c -> c != null && status.equals(c.status()));
    }

    static HorizontalPodAutoscaler hpa(String namespace, String name) {
        return CLIENT.autoscaling().v2().horizontalPodAutoscalers().inNamespace(namespace).withName(name).get();
    }

    static HorizontalPodAutoscaler awaitHpa(String namespace, String name) {
        return await().atMost(WAIT).until(() -> hpa(namespace, name), h -> h != null);
    }

    static List<Event> events(String namespace) {
        return CLIENT.v1().events().inNamespace(namespace).list().getItems();
    }

    static int replicas(String namespace, String deployment) {
        Integer replicas = CLIENT.apps().deployments().inNamespace(namespace).withName(deployment).get().getSpec().getReplicas();
        return replicas == null ? 1 : replicas;
    }

    /** Deployment {@code app} whose container has a storage connection string in {@code CONNECTION}. */
    static String appWithConnection(int replicas) {
        return deployment("app", replicas, "env:\n- name: CONNECTION\n  value: " + DEV_STORAGE + "\n");
    }

    /**
     * ScaledObject {@code so} on Deployment {@code app}, with extra metadata and spec lines (YAML at their level)
     * and the given {@code triggers:} items.
     */
    static String scaledObject(String metadataExtras, String specExtras, String triggers) {
        return """
                apiVersion: keda.sh/v1alpha1
                kind: ScaledObject
                metadata:
                  name: so
                %s
                spec:
                  scaleTargetRef:
                    name: app
                %s
                  triggers:
                %s
                ---
                """.formatted(metadataExtras.indent(2).stripTrailing(), specExtras.indent(2).stripTrailing(),
                triggers.indent(2).stripTrailing());
    }

    /** One azure-queue trigger on queue {@code orders}, reading the connection from {@code CONNECTION}. */
    static final String QUEUE_TRIGGER = """
            - type: azure-queue
              metadata:
                queueName: orders
                connectionFromEnv: CONNECTION
            """;

    static String deployment(String name, int replicas, String containerExtras) {
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: %s
                spec:
                  replicas: %d
                  selector:
                    matchLabels:
                      app: %s
                  template:
                    metadata:
                      labels:
                        app: %s
                    spec:
                      containers:
                      - name: worker
                        image: worker
                %s
                ---
                """.formatted(name, replicas, name, name, containerExtras.indent(8).stripTrailing());
    }
}
