package dev.tide.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tide.controller.ControllableScalerFactory.Source;
import dev.tide.controller.observability.KubernetesRequestMetrics;
import dev.tide.keda.api.ScaledObject;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Issue 22: a scale pass makes no API read. Three Deployments and a StatefulSet, each with a ScaledObject at
 * pollingInterval 1 s, are activated (0 → 1), deactivated after their cooldown (→ 0), and one of them is scaled by someone else, all
 * within a window in which the mock API server records every request: no GET of a Deployment's or StatefulSet's
 * {@code /scale}, no GET of an HPA or a target (a spec edit in the window makes a reconcile, which updates the HPA
 * from the informer's copy), and exactly one {@code /scale} write per move (no second write from a stale cache).
 *
 * <p>The window is the 60 s, 60 passes of each of the four loops ({@code -Dtide.it.steady-window-seconds}
 * shortens it while working on the code).
 */
class ScalingApiReadsIT extends ScalingTestSupport {

    static final Duration WINDOW = Duration.ofSeconds(Long.getLong("tide.it.steady-window-seconds", 60));
    static final String NS = "api-reads";
    static final List<String> DEPLOYMENTS = List.of("web-1", "web-2", "web-3");
    static final String STATEFUL_SET = "db";
    static final List<String> NAMES = Stream.concat(DEPLOYMENTS.stream(), Stream.of(STATEFUL_SET)).toList();
    /** Someone else's client (kubectl), and the test's reads: left out of the controller's requests. */
    static final String KUBECTL_AGENT = "kubectl-in-ScalingApiReadsIT";
    static final KubernetesClient KUBECTL = MockCluster.SERVER.createClient(b -> b.withConfig(
            new ConfigBuilder(CLIENT.getConfiguration()).withUserAgent(KUBECTL_AGENT).build()));

    @Autowired
    KubernetesRequestMetrics requestMetrics;

    @Test
    void passesReadNoScaleOfDeploymentsOrStatefulSetsAndNoHpaWhileZeroToNToZeroAndAnOutsideScaleStillWork() throws Exception {
        Source source = ControllableScalerFactory.source(NS).value(0);
        DEPLOYMENTS.forEach(name -> deploy(NS, name, 0, NS, 1, "", ""));
        applyStatefulSet();
        NAMES.forEach(name -> {
            ReconcilerTestSupport.awaitCondition(NS, name, "Ready", "True");
            await().atMost(WAIT).until(() -> conditionReason(NS, name, "Active").equals("False/ScalerNotActive"));
        });
        drainRecordedRequests();
        long start = System.nanoTime();

        source.value(5);
        await().atMost(WAIT).until(() -> all(1));
        source.value(0);
        NAMES.forEach(name -> await().atMost(WAIT).until(() -> active(name).equals("False/ScalerCooldown")));
        CLOCK.advance(Duration.ofSeconds(301));
        await().atMost(WAIT).until(() -> all(0));
        // kubectl scale on an idle target: the informer delivers it, and the next pass puts the target back to 0.
        KUBECTL.apps().deployments().inNamespace(NS).withName("web-1").scale(3);
        await().atMost(Duration.ofSeconds(3)).until(() -> replicasOf("deployments", "web-1") == 0);
        // A spec edit: the reconcile reads the target and the HPA from informers, and updates the HPA.
        KUBECTL.resources(ScaledObject.class).inNamespace(NS).withName("web-2")
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"maxReplicaCount\":50}}");
        await().atMost(WAIT).until(() -> KUBECTL.autoscaling().v2().horizontalPodAutoscalers().inNamespace(NS)
                .withName("keda-hpa-web-2").get().getSpec().getMaxReplicas() == 50);
        Duration rest = WINDOW.minusNanos(System.nanoTime() - start);
        if (!rest.isNegative() && !rest.isZero()) {
            // Steady: nothing moves for the rest of the window.
            await().during(rest).atMost(rest.plusSeconds(5)).until(() -> all(0));
        }

        List<RecordedRequest> requests = drainRecordedRequests().stream()
                .filter(r -> r.getPath().contains("/namespaces/" + NS + "/") && !KUBECTL_AGENT.equals(r.getHeader("User-Agent")))
                .toList();
        Map<String, Long> byVerbAndResource = requests.stream().collect(Collectors.groupingBy(
                ScalingApiReadsIT::describe, Collectors.counting()));
        System.out.printf("ScalingApiReadsIT: %d API requests in namespace %s over %d s: %s%n", requests.size(), NS,
                Duration.ofNanos(System.nanoTime() - start).toSeconds(), byVerbAndResource);
        assertThat(requests).filteredOn(r -> r.getMethod().equals("GET") && isScale(r)).as("GETs of /scale").isEmpty();
        assertThat(requests).filteredOn(r -> r.getMethod().equals("GET") && r.getPath().matches(".*/horizontalpodautoscalers/[^/?]+.*"))
                .as("GETs of HPAs").isEmpty();
        assertThat(requests).filteredOn(r -> r.getMethod().equals("PUT") && r.getPath().endsWith("/horizontalpodautoscalers/keda-hpa-web-2"))
                .as("the HPA updated after the spec edit").hasSize(1);
        assertThat(requests).filteredOn(r -> r.getMethod().equals("GET") && r.getPath().matches(".*/(deployments|statefulsets)/[^/?]+"))
                .as("GETs of the targets").isEmpty();
        Map<String, Long> writes = requests.stream().filter(r -> !r.getMethod().equals("GET") && isScale(r))
                .collect(Collectors.groupingBy(r -> r.getPath().split("/")[7], Collectors.counting()));
        // 0 → 1 and 1 → 0 each; web-1 also 3 → 0.
        assertThat(writes).isEqualTo(Map.of("web-1", 3L, "web-2", 2L, "web-3", 2L, STATEFUL_SET, 2L));
        assertThat(passes(NS, "web-2")).as("the loops ran").isGreaterThanOrEqualTo((int) WINDOW.toSeconds() / 2);
    }

    @Test
    void theRequestCounterCountsAClientsRequestsByVerbAndResourceUnderTideSeriesName() {
        String ns = "request-counter";
        deploy(ns, "counted", 0, ns, 1, "", "");
        ReconcilerTestSupport.awaitCondition(ns, "counted", "Ready", "True");
        try (KubernetesClient counted = MockCluster.SERVER.createClient(b -> b.withConfig(CLIENT.getConfiguration())
                .withHttpClientBuilderConsumer(h -> h.addOrReplaceInterceptor(KubernetesRequestMetrics.INTERCEPTOR, requestMetrics)))) {
            counted.apps().deployments().inNamespace(ns).withName("counted").scale();
            counted.apps().deployments().inNamespace(ns).withName("counted").scale();
            counted.apps().deployments().inNamespace(ns).list();
        }

        String scrape = (String) get(managementPort, "/actuator/prometheus").body().get("text");
        assertThat(scrape)
                .contains("tide_kubernetes_requests_total{resource=\"deployments.apps/scale\",verb=\"get\"} 2.0")
                .contains("tide_kubernetes_requests_total{resource=\"deployments.apps\",verb=\"list\"} 1.0");
    }

    private static boolean all(int replicas) {
        return DEPLOYMENTS.stream().allMatch(name -> replicasOf("deployments", name) == replicas)
                && replicasOf("statefulsets", STATEFUL_SET) == replicas;
    }

    private static boolean isScale(RecordedRequest request) {
        return request.getPath().split("\\?")[0].endsWith("/scale");
    }

    /** The Active condition as {@code status/reason}, read with the test's client. */
    private static String active(String name) {
        ScaledObject so = KUBECTL.resources(ScaledObject.class).inNamespace(NS).withName(name).get();
        return so.getStatus().condition("Active").map(c -> c.status() + "/" + c.reason()).orElse("");
    }

    /** The test's own reads and writes, told apart from the controller's by their User-Agent. */
    private static int replicasOf(String resource, String name) {
        return resource.equals("deployments")
                ? KUBECTL.apps().deployments().inNamespace(NS).withName(name).get().getSpec().getReplicas()
                : KUBECTL.apps().statefulSets().inNamespace(NS).withName(name).get().getSpec().getReplicas();
    }

    private static void applyStatefulSet() {
        // The Deployment manifest with another kind: the mock API server needs no serviceName.
        String statefulSet = ReconcilerTestSupport.deployment(STATEFUL_SET, 0, "").replace("kind: Deployment", "kind: StatefulSet");
        ReconcilerTestSupport.apply(NS, statefulSet + """
                apiVersion: keda.sh/v1alpha1
                kind: ScaledObject
                metadata:
                  name: %1$s
                spec:
                  scaleTargetRef:
                    apiVersion: apps/v1
                    kind: StatefulSet
                    name: %1$s
                  pollingInterval: 1
                  triggers:
                  - type: tide-test
                    metadata:
                      source: %2$s
                """.formatted(STATEFUL_SET, NS));
    }

    /** {@code GET deployments/scale}: the method and the resource path without namespace, name or query. */
    private static String describe(RecordedRequest request) {
        String path = request.getPath().split("\\?")[0];
        String[] after = path.substring(path.indexOf("/namespaces/" + NS + "/") + ("/namespaces/" + NS + "/").length()).split("/");
        return request.getMethod() + " " + after[0] + (after.length > 2 ? "/" + after[2] : "");
    }

    /** Every request the mock API server recorded so far, taken off its queue. */
    private static List<RecordedRequest> drainRecordedRequests() throws InterruptedException {
        List<RecordedRequest> requests = new ArrayList<>();
        for (RecordedRequest r = MockCluster.SERVER.takeRequest(0, TimeUnit.MILLISECONDS); r != null;
                r = MockCluster.SERVER.takeRequest(0, TimeUnit.MILLISECONDS)) {
            requests.add(r);
        }
        return requests;
    }
}
