package dev.tide.sandbox;

import dev.tide.scaler.api.MetricSpec;
import dev.tide.scaler.api.MetricTargetType;
import dev.tide.scaler.api.MilliValue;
import dev.tide.replicas.HpaBehavior;
import dev.tide.replicas.HpaHistory;
import dev.tide.replicas.HpaReplicaCalculator;
import dev.tide.replicas.HpaSync;
import dev.tide.replicas.MetricReading;
import dev.tide.replicas.ReplicaBounds;
import dev.tide.replicas.ReplicaProposal;
import dev.tide.replicas.ScaleTargetState;
import dev.tide.replicas.ScalingPolicy;
import dev.tide.replicas.ScalingRules;
import dev.tide.replicas.SelectPolicy;
import dev.tide.replicas.Tolerance;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HPAScalingPolicy;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HPAScalingRules;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBehavior;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stands in for kube-controller-manager's HPA controller: every sync period it reads each HPA, fetches its External
 * metrics through the metrics service's {@code external.metrics.k8s.io} API (over TLS, with the aggregator's client
 * certificate and user header), reads its {@code Resource} and {@code ContainerResource} metrics from the pods' usage
 * ({@link ResourceMetric}; the workload stands in for metrics-server), decides with {@link HpaSync} and writes the
 * Deployment's {@code /scale}.
 */
final class HpaLoop implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HpaLoop.class);
    /** Who the aggregator says is calling: the HPA controller's service account. */
    static final String HPA_USER = "system:serviceaccount:kube-system:horizontal-pod-autoscaler";

    private final KubernetesClient client;
    private final String namespace;
    private final URI metricsApi;
    private final PodUsage.Source pods;
    private final HttpClient http;
    private final Clock clock;
    private final Duration syncPeriod;
    private final Map<String, HpaHistory> histories = new ConcurrentHashMap<>();
    private final List<Sync> syncs = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
            runnable -> Workload.daemon("hpa-loop", runnable));

    /**
     * One sync of one HPA, for the timeline.
     *
     * @param at when it ran
     * @param hpa the HPA's name
     * @param metrics the metrics the HPA's spec listed: an External metric by its name, a resource metric by
     *     {@link ResourceMetric#name()} ({@code cpu}, {@code cpu (worker)}), another by its type
     * @param proposals what each metric read asked for on its own, in the HPA's order (none when the sync read no
     *     metric)
     * @param decision what the HPA decided
     * @param written whether it wrote {@code /scale}
     */
    record Sync(Instant at, String hpa, List<String> metrics, List<ReplicaProposal> proposals,
            HpaSync.Decision decision, boolean written) {
        Sync {
            metrics = List.copyOf(metrics);
            proposals = List.copyOf(proposals);
        }
    }

    HpaLoop(KubernetesClient client, String namespace, URI metricsApi, PodUsage.Source pods,
            SSLContext aggregatorTls, Clock clock, Duration syncPeriod) {
        this.client = client;
        this.namespace = namespace;
        this.metricsApi = metricsApi;
        this.pods = pods;
        this.clock = clock;
        this.syncPeriod = syncPeriod;
        this.http = HttpClient.newBuilder().sslContext(aggregatorTls).connectTimeout(Duration.ofSeconds(2)).build();
    }

    void start() {
        scheduler.scheduleAtFixedRate(this::syncAll, syncPeriod.toMillis(), syncPeriod.toMillis(), TimeUnit.MILLISECONDS);
    }

    List<Sync> syncs() {
        return List.copyOf(syncs);
    }

    Optional<Sync> lastSync() {
        return syncs.isEmpty() ? Optional.empty() : Optional.of(syncs.get(syncs.size() - 1));
    }

    private void syncAll() {
        try {
            for (HorizontalPodAutoscaler hpa : client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(namespace)
                    .list().getItems()) {
                sync(hpa);
            }
        } catch (RuntimeException e) {
            LOG.warn("HPA sync failed; next try in {}", syncPeriod, e);
        }
    }

    private void sync(HorizontalPodAutoscaler hpa) {
        String name = hpa.getMetadata().getName();
        String target = hpa.getSpec().getScaleTargetRef().getName();
        if (!"Deployment".equals(hpa.getSpec().getScaleTargetRef().getKind())) {
            return;
        }
        Deployment deployment = client.apps().deployments().inNamespace(namespace).withName(target).get();
        if (deployment == null) {
            return;
        }
        int spec = deployment.getSpec().getReplicas() == null ? 1 : deployment.getSpec().getReplicas();
        int status = deployment.getStatus() == null || deployment.getStatus().getReplicas() == null ? 0
                : deployment.getStatus().getReplicas();
        int ready = deployment.getStatus() == null || deployment.getStatus().getReadyReplicas() == null ? 0
                : deployment.getStatus().getReadyReplicas();
        ScaleTargetState state = new ScaleTargetState(spec, status, status, Math.min(ready, status));
        ReplicaBounds bounds = new ReplicaBounds(
                hpa.getSpec().getMinReplicas() == null ? 1 : hpa.getSpec().getMinReplicas(),
                hpa.getSpec().getMaxReplicas());
        HpaBehavior behavior = behavior(hpa.getSpec().getBehavior());
        Instant now = clock.instant();
        List<MetricReading> readings = spec == 0 && bounds.min() != 0 ? List.of() : readings(hpa, deployment, status);
        List<ReplicaProposal> proposals = readings.stream()
                .map(reading -> HpaReplicaCalculator.proposal(reading, state, Tolerance.DEFAULT)).toList();
        HpaSync.Decision decision = HpaSync.decide(readings, state, bounds, behavior, Tolerance.DEFAULT,
                histories.getOrDefault(name, HpaHistory.EMPTY), now);
        HpaHistory history = decision.history();
        boolean written = false;
        if (decision.rescale()) {
            try {
                client.apps().deployments().inNamespace(namespace).withName(target).scale(decision.desiredReplicas());
                history = history.withScale(decision.currentReplicas(), decision.desiredReplicas(), now, behavior);
                written = true;
            } catch (KubernetesClientException e) {
                LOG.warn("HPA {} could not scale {} to {}: {}", name, target, decision.desiredReplicas(), e.getMessage());
            }
        }
        histories.put(name, history);
        List<String> metrics = hpa.getSpec().getMetrics().stream().map(m -> m.getExternal() != null
                ? m.getExternal().getMetric().getName()
                : ResourceMetric.of(m).map(ResourceMetric::name).orElse(m.getType())).toList();
        syncs.add(new Sync(now, name, metrics, proposals, decision, written));
        writeStatus(hpa, decision, written, now);
    }

    private void writeStatus(HorizontalPodAutoscaler hpa, HpaSync.Decision decision, boolean written, Instant now) {
        try {
            client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(namespace)
                    .withName(hpa.getMetadata().getName()).editStatus(current -> {
                        current.setStatus(new HorizontalPodAutoscalerStatusBuilder(current.getStatus() == null
                                ? new io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerStatus()
                                : current.getStatus())
                                .withCurrentReplicas(decision.currentReplicas())
                                .withDesiredReplicas(decision.desiredReplicas())
                                .withLastScaleTime(written ? now.toString()
                                        : current.getStatus() == null ? null : current.getStatus().getLastScaleTime())
                                .build());
                        return current;
                    });
        } catch (KubernetesClientException e) {
            LOG.debug("HPA status not written: {}", e.getMessage());
        }
    }

    private List<MetricReading> readings(HorizontalPodAutoscaler hpa, Deployment deployment, int statusReplicas) {
        List<MetricReading> readings = new ArrayList<>();
        for (io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec metric : hpa.getSpec().getMetrics()) {
            Optional<ResourceMetric> resource = ResourceMetric.of(metric);
            if (resource.isPresent()) {
                readings.add(resource.get().read(pods.pods(deployment.getMetadata().getName()),
                        deployment.getSpec().getTemplate().getSpec().getContainers(), statusReplicas));
                continue;
            }
            if (!"External".equals(metric.getType())) {
                continue;
            }
            var external = metric.getExternal();
            String metricName = external.getMetric().getName();
            boolean average = "AverageValue".equals(external.getTarget().getType());
            Quantity targetQuantity = average ? external.getTarget().getAverageValue() : external.getTarget().getValue();
            MetricSpec spec = new MetricSpec(metricName, average ? MetricTargetType.AVERAGE_VALUE : MetricTargetType.VALUE,
                    MilliValue.parse(targetQuantity.toString()));
            Map<String, String> labels = external.getMetric().getSelector() == null ? Map.of()
                    : external.getMetric().getSelector().getMatchLabels();
            readings.add(fetch(spec, labels));
        }
        return readings;
    }

    /** {@code GET /apis/external.metrics.k8s.io/v1beta1/namespaces/{ns}/{metric}?labelSelector=...}, as the HPA does. */
    MetricReading fetch(MetricSpec spec, Map<String, String> labels) {
        String selector = labels.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(","));
        URI uri = metricsApi.resolve("/apis/external.metrics.k8s.io/v1beta1/namespaces/" + namespace + "/"
                + spec.metricName() + "?labelSelector=" + URLEncoder.encode(selector, StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5))
                .header("Accept", "application/json")
                .header("X-Remote-User", HPA_USER)
                .header("X-Remote-Group", "system:serviceaccounts")
                .GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return MetricReading.failed(spec, "unable to get external metric " + namespace + "/" + spec.metricName()
                        + ": HTTP " + response.statusCode() + " " + response.body());
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> list = client.getKubernetesSerialization().unmarshal(response.body(), Map.class);
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> items = (List<Map<String, Object>>) list.getOrDefault("items", List.of());
            List<MilliValue> values = items.stream().map(item -> MilliValue.parse(String.valueOf(item.get("value"))))
                    .toList();
            return new MetricReading.Sampled(spec, values);
        } catch (IOException e) {
            return MetricReading.failed(spec, "unable to get external metric " + spec.metricName() + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return MetricReading.failed(spec, "interrupted");
        }
    }

    /** The HPA's {@code spec.behavior}, with Kubernetes' defaults for what it leaves out. */
    static HpaBehavior behavior(HorizontalPodAutoscalerBehavior behavior) {
        if (behavior == null) {
            return HpaBehavior.DEFAULT;
        }
        return new HpaBehavior(rules(behavior.getScaleUp(), ScalingRules.defaultScaleUp()),
                rules(behavior.getScaleDown(), ScalingRules.defaultScaleDown()));
    }

    private static ScalingRules rules(HPAScalingRules rules, ScalingRules defaults) {
        if (rules == null) {
            return defaults;
        }
        Duration window = rules.getStabilizationWindowSeconds() == null ? defaults.stabilizationWindow()
                : Duration.ofSeconds(rules.getStabilizationWindowSeconds());
        SelectPolicy select = rules.getSelectPolicy() == null ? SelectPolicy.MAX
                : SelectPolicy.valueOf(rules.getSelectPolicy().toUpperCase(Locale.ROOT));
        List<ScalingPolicy> policies = rules.getPolicies() == null || rules.getPolicies().isEmpty()
                ? defaults.policies()
                : rules.getPolicies().stream().map(HpaLoop::policy).toList();
        return new ScalingRules(window, select, policies);
    }

    private static ScalingPolicy policy(HPAScalingPolicy policy) {
        return new ScalingPolicy("Pods".equals(policy.getType()) ? ScalingPolicy.Type.PODS : ScalingPolicy.Type.PERCENT,
                policy.getValue(), Duration.ofSeconds(policy.getPeriodSeconds()));
    }

    @Override
    public void close() {
        // HttpClient.close() is Java 21; its threads are daemons.
        scheduler.shutdownNow();
    }
}
