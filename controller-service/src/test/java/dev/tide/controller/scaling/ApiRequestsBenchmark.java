package dev.tide.controller.scaling;

import static dev.tide.controller.LoopBenchmarkSupport.sleep;

import dev.tide.controller.LoopBenchmarkSupport;
import dev.tide.controller.kube.ClusterAccess;
import dev.tide.controller.kube.EventRecorder;
import dev.tide.controller.kube.ReplicaCache;
import dev.tide.controller.kube.ScaleClient;
import dev.tide.controller.kube.StatusWriter;
import dev.tide.controller.observability.KubernetesRequestMetrics;
import dev.tide.controller.observability.ScalingMetrics;
import dev.tide.controller.sources.PassRequests;
import dev.tide.keda.api.ScaledObject;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Kubernetes API requests per minute of the scale loops at steady state (issue 22), against the fabric8 mock API server
 * in CRUD mode: N Deployments at 0 and N idle ScaledObjects at pollingInterval 1 s, the real {@link ClusterAccess}
 * ({@link ScaleClient}, {@link StatusWriter}, {@link EventRecorder}) on a client counting every request with
 * {@link KubernetesRequestMetrics}; the first passes' status writes fall before the window. Mode {@code direct} reads replicas as the controller did before issue 22 (a GET of
 * {@code /scale} per pass, {@link ReplicaCache#none()}); mode {@code informers} as it does now. Not a test: run it with
 * the command in BENCHMARKS.md ("Controller").
 *
 * <p>Arguments: {@code direct|informers [n] [seconds]}.
 */
public final class ApiRequestsBenchmark {

    public static void main(String[] args) {
        String mode = args.length > 0 ? args[0] : "informers";
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 60;
        System.out.println(LoopBenchmarkSupport.machine());
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesMixedDispatcher(new HashMap<>()), false);
        server.init();
        SimpleMeterRegistry requests = new SimpleMeterRegistry();
        KubernetesClient client = server.createClient(b -> b.withConfig(new ConfigBuilder(Config.empty())
                        .withMasterUrl(server.url("/")).withNamespace("default").withTrustCerts(true).build())
                .withHttpClientBuilderConsumer(h -> h.addOrReplaceInterceptor(KubernetesRequestMetrics.INTERCEPTOR,
                        new KubernetesRequestMetrics(requests, Clock.systemUTC()))));
        for (int i = 0; i < count; i++) {
            String ns = "bench-" + (i % 50);
            client.apps().deployments().inNamespace(ns).resource(new DeploymentBuilder()
                    .withNewMetadata().withName("so-" + i).endMetadata().withNewSpec().withReplicas(0).endSpec().build()).create();
            // On the server too, so that the first passes' status writes land (a failed one is retried every pass).
            ScaledObject so = new ScaledObject();
            so.setMetadata(new ObjectMetaBuilder().withNamespace(ns).withName("so-" + i).build());
            client.resources(ScaledObject.class).inNamespace(ns).resource(so).create();
        }
        ReplicaCache cache = mode.equals("direct") ? ReplicaCache.none() : ReplicaCache.informing(client, Set.of());
        cache.start();
        var executors = LoopBenchmarkSupport.defaultExecutors();
        var registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        var metrics = new ScalingMetrics(registry);
        var cluster = ClusterAccess.of(client, new ScaleClient(client, cache), new StatusWriter(client),
                new EventRecorder(client, Clock.systemUTC()), Set.of());
        var loops = new ScaleLoops(cluster, LoopBenchmarkSupport.sampler(executors, registry, metrics), metrics, Clock.systemUTC(),
                executors, new PublishedMetrics(), new PassRequests());
        for (int i = 0; i < count; i++) {
            ScaleLoopBenchmark.register(loops, "bench-" + (i % 50), "so-" + i, i, 1, false);
        }
        loops.startAll();
        sleep(Duration.ofSeconds(10));
        Map<String, Double> before = counts(requests);
        long passesBefore = loops.passes();
        double loadBefore = LoopBenchmarkSupport.loadAverage();
        sleep(Duration.ofSeconds(seconds));
        Map<String, Double> after = counts(requests);
        Map<String, Long> perMinute = new TreeMap<>();
        after.forEach((key, value) -> {
            long rate = Math.round((value - before.getOrDefault(key, 0.0)) * 60.0 / seconds);
            if (rate > 0) {
                perMinute.put(key, rate);
            }
        });
        System.out.printf("api-requests (%s): %d ScaledObjects at 1 s, idle at 0, %d s window: %d passes, %d requests/min %s"
                        + " (load %.1f -> %.1f)%n", mode, count, seconds, loops.passes() - passesBefore,
                perMinute.values().stream().mapToLong(Long::longValue).sum(), perMinute, loadBefore, LoopBenchmarkSupport.loadAverage());
        loops.stopAll();
        executors.close();
        cache.close();
        System.exit(0);
    }

    /** Requests so far by {@code verb resource}. */
    private static Map<String, Double> counts(SimpleMeterRegistry registry) {
        Map<String, Double> counts = new TreeMap<>();
        for (Counter counter : registry.find("tide.kubernetes.requests").counters()) {
            counts.put(counter.getId().getTag("verb") + " " + counter.getId().getTag("resource"), counter.count());
        }
        return counts;
    }

    private ApiRequestsBenchmark() {
    }
}
