package dev.tide.controller;

import static org.awaitility.Awaitility.await;

import dev.tide.servicetest.MutableClock;
import dev.tide.controller.config.ControllerProperties;
import dev.tide.controller.kube.ClusterAccess;
import dev.tide.controller.kube.EventRecorder;
import dev.tide.controller.kube.ScaleClient;
import dev.tide.controller.kube.StatusWriter;
import dev.tide.controller.sources.ScalerFactories;
import dev.tide.keda.api.ScaledObject;
import dev.tide.replicas.HpaBehavior;
import dev.tide.replicas.HpaHistory;
import dev.tide.replicas.HpaSync;
import dev.tide.replicas.MetricReading;
import dev.tide.replicas.ReplicaBounds;
import dev.tide.replicas.ScaleTargetState;
import dev.tide.replicas.Tolerance;
import dev.tide.scaler.api.MetricSpec;
import dev.tide.scaler.api.MetricTargetType;
import dev.tide.scaler.api.MilliValue;
import dev.tide.scaler.api.ScalerFactory;
import dev.tide.scaler.host.PluginLoader;
import dev.tide.scaler.host.ScalerRegistry;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * One Spring context for the scaling ITs (their own JVM, see the module POM): the real controller against the mock
 * API server, with the built-in scalers plus the {@link ControllableScalerFactory}, and a clock the tests move.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        classes = {TideControllerApplication.class, ScalingTestSupport.MockClient.class, ScalingTestSupport.Beans.class}, properties = {
                "tide.controller.cluster-object-namespace=tide-system",
                "tide.controller.retry-initial-interval=200ms",
                "tide.controller.retry-max-interval=1s",
                "tide.controller.scaler-timeout=2s",
                "tide.controller.plugin-call-timeout=1s",
                // Few core sampler threads, so the isolation tests show sources cannot take each other's threads.
                "tide.controller.scale-loops.sampler-threads=4",
                "tide.controller.leader-election.lease-duration=3s",
                "tide.controller.leader-election.renew-deadline=2s",
                "tide.controller.leader-election.retry-period=500ms",
                "resilience4j.retry.configs.default.wait-duration=20ms",
                // A recovered source is read again within the tests' waits (production: 10 s open).
                "resilience4j.circuitbreaker.configs.default.wait-duration-in-open-state=2s",
                "management.server.port=0",
                // Kafka's broker stays quiet; its clients log at INFO as in production, where the throttle limits them.
                "logging.level.kafka=WARN", "logging.level.org.apache.kafka.server=WARN", "logging.level.org.apache.kafka.raft=WARN",
                "logging.level.org.apache.kafka.controller=WARN", "logging.level.org.apache.kafka.storage=WARN"})
abstract class ScalingTestSupport {

    static final KubernetesClient CLIENT = MockCluster.CLIENT;
    static final MutableClock CLOCK = new MutableClock(Instant.now());
    static final Duration WAIT = Duration.ofSeconds(10);
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @Value("${local.server.port}")
    int port;

    @Value("${local.management.port}")
    int managementPort;

    /** The mock API server's client in place of the real one; shared by the scaling ITs' contexts. */
    @TestConfiguration(proxyBeanMethods = false)
    static class MockClient {
        @Bean
        @Primary
        KubernetesClient mockClusterClient() {
            return MockCluster.CLIENT;
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Beans {
        /** Created after Spring Boot has set up logging, so the capture survives the reset. */
        @Bean
        ReconcilerTestSupport.ListAppenderHolder logCapture() {
            MockCluster.captureLogs();
            return new ReconcilerTestSupport.ListAppenderHolder();
        }

        @Bean
        @Primary
        ScalerFactories controllableScalerFactories() {
            // The built-in scalers (the real Kafka scaler for ScalingKafkaIT) and the controllable test source.
            Map<String, ScalerFactory> byType = new TreeMap<>();
            ScalerRegistry builtIns = PluginLoader.loadBuiltIns();
            builtIns.types().forEach(type -> byType.put(type, builtIns.factory(type).orElseThrow()));
            byType.put(ControllableScalerFactory.TYPE, new ControllableScalerFactory());
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

        /** The loops' view of the cluster, counting their passes. */
        @Bean
        @Primary
        ClusterAccess passCounter(KubernetesClient client, ScaleClient scaleClient, StatusWriter statusWriter,
                EventRecorder events, ControllerProperties properties) {
            return new PassCounter(ClusterAccess.of(client, scaleClient, statusWriter, events, properties.watchNamespaces()));
        }

        @Bean
        @Primary
        Clock movableClock() {
            return CLOCK;
        }
    }

    /** A clock that only moves when a test moves it. */
    /** A Deployment and a ScaledObject on one {@code tide-test} source, polled every second; waits for Ready. */
    static void deploy(String ns, String name, int replicas, String source, String specExtras) {
        deploy(ns, name, replicas, source, 1, specExtras, "");
        ReconcilerTestSupport.awaitCondition(ns, name, "Ready", "True");
    }

    /** The same with any polling interval and extra trigger fields; does not wait. */
    static void deploy(String ns, String name, int replicas, String source, int pollingInterval, String specExtras,
            String triggerExtras) {
        applyScaledObject(ns, name, replicas, pollingInterval, specExtras, """
                - type: tide-test
                %s
                  metadata:
                    source: %s
                """.formatted(triggerExtras.indent(2).stripTrailing(), source));
    }

    /** A Deployment at {@code replicas} and a ScaledObject of the same name on {@code triggers} (YAML list items). */
    static void applyScaledObject(String ns, String name, int replicas, int pollingInterval, String specExtras, String triggers) {
        applyScaledObject(ns, name, replicas, pollingInterval, specExtras, triggers, "");
    }

    /** The same, with extra fields for the Deployment's container (resources, env). */
    static void applyScaledObject(String ns, String name, int replicas, int pollingInterval, String specExtras, String triggers,
            String containerExtras) {
        ReconcilerTestSupport.apply(ns, ReconcilerTestSupport.deployment(name, replicas, containerExtras) + """
                apiVersion: keda.sh/v1alpha1
                kind: ScaledObject
                metadata:
                  name: %s
                spec:
                  scaleTargetRef:
                    name: %s
                  pollingInterval: %d
                %s
                  triggers:
                %s
                """.formatted(name, name, pollingInterval, specExtras.indent(2).stripTrailing(), triggers.indent(2).stripTrailing()));
    }

    static int replicas(String ns, String name) {
        return ReconcilerTestSupport.replicas(ns, name);
    }

    static String conditionReason(String ns, String name, String type) {
        return ReconcilerTestSupport.condition(ns, name, type).map(c -> c.status() + "/" + c.reason()).orElse("");
    }

    static List<String> eventReasons(String ns) {
        return ReconcilerTestSupport.events(ns).stream().map(e -> e.getReason()).toList();
    }

    record Response(int status, Map<String, Object> body) {
    }

    /** A Secret and a TriggerAuthentication, both named {@code name}, giving the trigger {@code password}. */
    static void applyPasswordAuthentication(String ns, String name, String password) {
        ReconcilerTestSupport.apply(ns, """
                apiVersion: v1
                kind: Secret
                metadata:
                  name: %1$s
                data:
                  password: %2$s
                ---
                apiVersion: keda.sh/v1alpha1
                kind: TriggerAuthentication
                metadata:
                  name: %1$s
                spec:
                  secretTargetRef:
                  - {parameter: password, name: %1$s, key: password}
                """.formatted(name, Base64.getEncoder().encodeToString(password.getBytes(StandardCharsets.UTF_8))));
    }

    /** The first value the metrics API serves in a response, as text. */
    static String metricValue(Response response) {
        List<?> values = (List<?>) response.body().get("values");
        return String.valueOf(((Map<?, ?>) values.get(0)).get("value"));
    }

    Response get(String path) {
        return get(port, path);
    }

    @SuppressWarnings("unchecked")
    static Response get(int port, String path) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            Map<String, Object> body = response.body().startsWith("{")
                    ? CLIENT.getKubernetesSerialization().unmarshal(response.body(), Map.class) : Map.of("text", response.body());
            return new Response(response.statusCode(), body);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String metricPath(String ns, String name, String metric) {
        return "/internal/v1/namespaces/" + ns + "/scaledobjects/" + name + "/metrics/" + metric;
    }

    /**
     * Deployment {@code orders} at 0 and a ScaledObject {@code orders} polled every second on the lag of group
     * {@code workers} on topic {@code orders} (lagThreshold 5) of a real broker, with extra spec lines.
     */
    static void applyKafkaScaledObject(String ns, String bootstrap, String specExtras) {
        ReconcilerTestSupport.apply(ns, ReconcilerTestSupport.deployment("orders", 0, "") + """
                apiVersion: keda.sh/v1alpha1
                kind: ScaledObject
                metadata:
                  name: orders
                spec:
                  scaleTargetRef:
                    name: orders
                  pollingInterval: 1
                %s
                  triggers:
                  - type: kafka
                    metadata:
                      bootstrapServers: %s
                      consumerGroup: workers
                      topic: orders
                      lagThreshold: "5"
                """.formatted(specExtras.indent(2).stripTrailing(), bootstrap));
    }

    /** Passes the loop made for a ScaledObject on the Deployment of its name so far (each reads the replicas once). */
    static int passes(String ns, String name) {
        return PassCounter.passes(ns, name);
    }

    static void awaitReplicas(String ns, String name, int expected, Duration within) {
        await().atMost(within).until(() -> replicas(ns, name) == expected);
    }

    /**
     * The replicas of successive HPA syncs 15 s apart from {@code current}, until one changes nothing: the HPA's
     * arithmetic (replica-math's HpaSync, which the sandbox's HPA loop runs) on the value the metrics API serves for
     * the HPA's first metric.
     */
    static List<Integer> hpaReplicas(HorizontalPodAutoscaler hpa, String servedValue, int current) {
        var external = hpa.getSpec().getMetrics().get(0).getExternal();
        MetricSpec spec = new MetricSpec(external.getMetric().getName(), MetricTargetType.AVERAGE_VALUE,
                MilliValue.parse(external.getTarget().getAverageValue().toString()));
        ReplicaBounds bounds = new ReplicaBounds(hpa.getSpec().getMinReplicas(), hpa.getSpec().getMaxReplicas());
        HpaHistory history = HpaHistory.EMPTY;
        Instant now = Instant.now();
        List<Integer> steps = new java.util.ArrayList<>();
        for (int sync = 0; sync < 10; sync++, now = now.plusSeconds(15)) {
            HpaSync.Decision decision = HpaSync.decide(List.of(MetricReading.sampled(spec, MilliValue.parse(servedValue))),
                    ScaleTargetState.steady(current), bounds, HpaBehavior.DEFAULT, Tolerance.DEFAULT, history, now);
            if (!decision.rescale()) {
                break;
            }
            history = decision.history().withScale(current, decision.desiredReplicas(), now, HpaBehavior.DEFAULT);
            current = decision.desiredReplicas();
            steps.add(current);
        }
        return steps;
    }

    /** Deletes a ScaledObject and waits until it is gone, so no loop keeps reading its source into the next test. */
    /**
     * The source has emptied: the cooldown starts, the clock passes it (61 s, past the default 60 s), and the target is
     * scaled to 0 within {@code within}.
     */
    static void awaitCooldownToZero(String ns, String name, Duration within) {
        await().atMost(WAIT).until(() -> conditionReason(ns, name, "Active").equals("False/ScalerCooldown"));
        CLOCK.advance(Duration.ofSeconds(61));
        awaitReplicas(ns, name, 0, within);
    }

    static void deleteScaledObject(String ns, String name) {
        CLIENT.resources(ScaledObject.class).inNamespace(ns).withName(name).delete();
        await().atMost(WAIT).until(() -> CLIENT.resources(ScaledObject.class).inNamespace(ns).withName(name).get() == null);
    }
}
