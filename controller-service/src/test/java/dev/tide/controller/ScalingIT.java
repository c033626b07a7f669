package dev.tide.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tide.controller.ControllableScalerFactory.Source;
import dev.tide.controller.kube.ObjectKey;
import dev.tide.controller.kube.ScaleClient;
import dev.tide.controller.scaling.PublishedMetrics;
import dev.tide.controller.scaling.ScaleLoops;
import dev.tide.controller.sources.ScalerCache;
import dev.tide.keda.api.EventReason;
import dev.tide.keda.api.ScaledObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The scale loops against the mock API server: activation, cooldown, errors and fallback, restart, isolation. */
class ScalingIT extends ScalingTestSupport {

    @Autowired
    ScaleLoops loops;

    @Autowired
    PublishedMetrics published;

    @Autowired
    ScalerCache scalers;

    @Autowired
    ScaleClient scaleClient;

    /** A controller restart as the loops see it: everything held in memory is gone; only the status is left. */
    void restartLoop(String ns, String name, Runnable whileStopped) {
        ObjectKey key = new ObjectKey(ns, name);
        ScalerCache.Entry scalerEntry = scalers.get(key).orElseThrow();
        loops.unregister(key);
        whileStopped.run();
        ScaledObject fresh = ReconcilerTestSupport.scaledObject(ns, name);
        loops.register(fresh, scaleClient.resolve(fresh.getSpec().scaleTargetRef(), ns), scalerEntry);
    }

    @Test
    void activatesFromZeroWithinOnePollingInterval() {
        String ns = "activation";
        Source source = ControllableScalerFactory.source("activation").value(0);
        deploy(ns, "worker", 0, "activation", "cooldownPeriod: 300");
        await().atMost(WAIT).until(() -> conditionReason(ns, "worker", "Active").equals("False/ScalerNotActive"));

        source.value(7);
        long start = System.nanoTime();
        awaitReplicas(ns, "worker", 1, Duration.ofSeconds(3));
        // One polling interval (1 s) plus the write; the loop lag measured on the way is exported separately.
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1_500));
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(eventReasons(ns)).contains(EventReason.SCALE_TARGET_ACTIVATED.reason());
            assertThat(conditionReason(ns, "worker", "Active")).isEqualTo("True/ScalerActive");
            assertThat(ReconcilerTestSupport.scaledObject(ns, "worker").getStatus().getLastActiveTime()).isNotNull();
            assertThat(ReconcilerTestSupport.scaledObject(ns, "worker").getStatus().getTriggersActivity())
                    .containsKey("s0-tide-test-activation");
        });
    }

    /** worker (cooldown 300 s) activated from 0 by its source, which then goes quiet: the cooldown has begun. */
    private static void activateThenGoQuiet(String ns, String sourceName) {
        Source source = ControllableScalerFactory.source(sourceName).value(3);
        deploy(ns, "worker", 0, sourceName, "cooldownPeriod: 300");
        awaitReplicas(ns, "worker", 1, WAIT);
        source.value(0);
        await().atMost(WAIT).until(() -> conditionReason(ns, "worker", "Active").equals("False/ScalerCooldown"));
    }

    @Test
    void theForceActivationAnnotationActivatesWithoutAnActiveTriggerAndPausedScaleInHoldsIt() {
        String ns = "forced";
        ControllableScalerFactory.source("forced").value(0);
        deploy(ns, "worker", 0, "forced", "cooldownPeriod: 0");
        await().atMost(WAIT).until(() -> conditionReason(ns, "worker", "Active").equals("False/ScalerNotActive"));

        annotate(ns, "worker", dev.tide.keda.api.KedaApi.FORCE_ACTIVATION, "true");
        awaitReplicas(ns, "worker", 1, WAIT);
        await().atMost(WAIT).until(() -> conditionReason(ns, "worker", "Active").equals("True/ScalerActive"));

        annotate(ns, "worker", dev.tide.keda.api.KedaApi.PAUSED_SCALE_IN, "true");
        annotate(ns, "worker", dev.tide.keda.api.KedaApi.FORCE_ACTIVATION, null);
        CLOCK.advance(Duration.ofSeconds(1));
        await().atMost(WAIT).until(() -> conditionReason(ns, "worker", "Active").equals("False/ScalerNotActive"));
        await().during(Duration.ofMillis(1_500)).atMost(WAIT).until(() -> replicas(ns, "worker") == 1);

        annotate(ns, "worker", dev.tide.keda.api.KedaApi.PAUSED_SCALE_IN, null);
        awaitReplicas(ns, "worker", 0, WAIT);
    }

    private static void annotate(String ns, String name, String key, String value) {
        CLIENT.resources(ScaledObject.class).inNamespace(ns).withName(name).edit(so -> {
            var annotations = new java.util.HashMap<String, String>(so.getMetadata().getAnnotations() == null
                    ? java.util.Map.of() : so.getMetadata().getAnnotations());
            if (value == null) {
                annotations.remove(key);
            } else {
                annotations.put(key, value);
            }
            so.getMetadata().setAnnotations(annotations);
            return so;
        });
    }

    @Test
    void drainsBackToZeroOnlyAfterTheCooldown() {
        String ns = "drain";
        activateThenGoQuiet(ns, "drain");
        CLOCK.advance(Duration.ofSeconds(290));
        await().during(Duration.ofMillis(1_500)).atMost(WAIT).until(() -> replicas(ns, "worker") == 1);

        CLOCK.advance(Duration.ofSeconds(11));
        awaitReplicas(ns, "worker", 0, Duration.ofSeconds(3));
        await().atMost(WAIT).until(() -> eventReasons(ns).contains(EventReason.SCALE_TARGET_DEACTIVATED.reason()));
    }

    @Test
    void aFailingSourceNeverScalesInAndServesTheFallbackAfterTheThreshold() {
        String ns = "failure";
        Source withFallback = ControllableScalerFactory.source("failure-fb").value(10);
        Source without = ControllableScalerFactory.source("failure-nofb").value(10);
        deploy(ns, "with-fallback", 2, "failure-fb", """
                cooldownPeriod: 0
                fallback:
                  failureThreshold: 2
                  replicas: 4""");
        deploy(ns, "without-fallback", 2, "failure-nofb", "cooldownPeriod: 0");
        await().atMost(WAIT).until(() -> conditionReason(ns, "with-fallback", "Active").equals("True/ScalerActive")
                && conditionReason(ns, "without-fallback", "Active").equals("True/ScalerActive"));

        withFallback.failing(true);
        without.failing(true);
        CLOCK.advance(Duration.ofHours(1));
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(conditionReason(ns, "with-fallback", "Fallback")).isEqualTo("True/FallbackExists");
            assertThat(conditionReason(ns, "with-fallback", "Ready")).isEqualTo("True/ScaledObjectReady");
            assertThat(conditionReason(ns, "without-fallback", "Ready")).isEqualTo("False/TriggerError");
            assertThat(eventReasons(ns)).contains(EventReason.FALLBACK_ACTIVATED.reason());
            assertThat((String) get(managementPort, "/actuator/prometheus").body().get("text"))
                    .contains("tide_scaled_object_fallback_active{namespace=\"failure\",scaledObject=\"with-fallback\"} 1.0")
                    .doesNotContain("tide_scaled_object_fallback_active{namespace=\"failure\",scaledObject=\"without-fallback\"}");
        });
        ScaledObject so = ReconcilerTestSupport.scaledObject(ns, "with-fallback");
        assertThat(so.getStatus().getHealth()).hasEntrySatisfying("s0-tide-test-failure-fb", health -> {
            assertThat(health.status()).isEqualTo("Failing");
            assertThat(health.numberOfFailures()).isGreaterThan(2);
        });
        assertThat(replicas(ns, "with-fallback")).isEqualTo(2);
        assertThat(replicas(ns, "without-fallback")).isEqualTo(2);

        // The HPA gets target (5) × fallback replicas (4); without fallback an error, never 0.
        Response fallback = get(metricPath(ns, "with-fallback", "s0-tide-test-failure-fb"));
        assertThat(fallback.status()).isEqualTo(200);
        assertThat(fallback.body()).containsEntry("fallback", true);
        assertThat(fallback.body().get("values")).asList().singleElement()
                .satisfies(v -> assertThat(((java.util.Map<?, ?>) v).get("value")).isEqualTo("20"));
        Response error = get(metricPath(ns, "without-fallback", "s0-tide-test-failure-nofb"));
        assertThat(error.status()).isEqualTo(503);
        assertThat(error.body()).containsEntry("reason", "SourceUnavailable");
        // The cause, not just a type: the source's own message, or the breaker that now stands in front of it.
        assertThat((String) error.body().get("message")).matches(
                "metric:s0-tide-test-failure-nofb encountered error \\((source failure-nofb is down|circuit breaker open: .+)\\)");

        withFallback.failing(false);
        await().atMost(WAIT).until(() -> conditionReason(ns, "with-fallback", "Fallback").equals("False/NoFallbackFound"));
        assertThat(eventReasons(ns)).contains(EventReason.FALLBACK_DEACTIVATED.reason());
    }

    @Test
    void aRestartMovesNoReplicaAndContinuesTheCooldownFromTheStatus() {
        String ns = "restart";
        activateThenGoQuiet(ns, "restart");
        Instant lastActive = Instant.parse(ReconcilerTestSupport.scaledObject(ns, "worker").getStatus().getLastActiveTime());

        restartLoop(ns, "worker", () -> CLOCK.advance(Duration.ofSeconds(100)));

        CLOCK.set(lastActive.plusSeconds(295));
        await().during(Duration.ofMillis(1_500)).atMost(WAIT).until(() -> replicas(ns, "worker") == 1
                && conditionReason(ns, "worker", "Active").equals("False/ScalerCooldown"));
        CLOCK.set(lastActive.plusSeconds(302));
        awaitReplicas(ns, "worker", 0, Duration.ofSeconds(3));
    }

    @Test
    void aTakeoverCountsAScaledObjectActiveInTheStatusAsActiveUntilNow() {
        String ns = "takeover";
        Source source = ControllableScalerFactory.source("takeover").value(5);
        deploy(ns, "worker", 0, "takeover", "cooldownPeriod: 300");
        awaitReplicas(ns, "worker", 1, WAIT);
        await().atMost(WAIT).until(() -> conditionReason(ns, "worker", "Active").equals("True/ScalerActive"));

        // The old leader saw it active and stopped; the source went quiet while nobody was looking.
        restartLoop(ns, "worker", () -> {
            source.value(0);
            CLOCK.advance(Duration.ofSeconds(1_000));
        });
        Instant takeover = CLOCK.instant();

        await().atMost(WAIT).until(() -> conditionReason(ns, "worker", "Active").equals("False/ScalerCooldown"));
        assertThat(replicas(ns, "worker")).isEqualTo(1);
        CLOCK.set(takeover.plusSeconds(302));
        awaitReplicas(ns, "worker", 0, Duration.ofSeconds(3));
    }

    @Test
    void aHangingSourceDoesNotDelayAnotherScaledObjectsLoop() {
        String ns = "isolation";
        Source stuck = ControllableScalerFactory.source("isolation-stuck").value(1).hang();
        Source healthy = ControllableScalerFactory.source("isolation-healthy").value(1);
        try {
            deploy(ns, "stuck", 1, "isolation-stuck", "");
            deploy(ns, "healthy", 1, "isolation-healthy", "");
            int start = healthy.reads.get();
            long began = System.nanoTime();
            await().atMost(Duration.ofSeconds(6)).until(() -> healthy.reads.get() >= start + 4);
            // Four passes at a 1 s interval take a little over 3 s when nothing waits on the stuck source.
            assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofMillis(4_500));
            assertThat(stuck.reads.get()).isPositive();
            assertThat(published.find(new ObjectKey(ns, "healthy")).orElseThrow().lastReading("s0-tide-test-isolation-healthy"))
                    .hasValueSatisfying(r -> assertThat(r.ok()).isTrue());
        } finally {
            stuck.release();
        }
    }

    @Test
    void metricsApiAnswersAsItsContractSays() {
        String ns = "api";
        ControllableScalerFactory.source("api").value(2_500);
        deploy(ns, "worker", 1, "api", "");
        String metric = "s0-tide-test-api";

        Response ok = get(metricPath(ns, "worker", metric));
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.body()).containsEntry("namespace", ns).containsEntry("scaledObject", "worker")
                .containsEntry("metricName", metric).containsEntry("fromLastPoll", false).containsEntry("fallback", false);
        assertThat(ok.body().get("values")).asList().singleElement().satisfies(v -> {
            var value = (java.util.Map<?, ?>) v;
            assertThat(value.get("metricName")).isEqualTo(metric);
            assertThat(value.get("value")).isEqualTo("2500");
            assertThat(Instant.parse((String) value.get("timestamp"))).isNotNull();
        });
        assertThat(get(metricPath(ns, "nope", metric))).satisfies(r -> {
            assertThat(r.status()).isEqualTo(404);
            assertThat(r.body()).containsEntry("reason", "ScaledObjectNotFound");
        });
        assertThat(get(metricPath(ns, "worker", "s9-nope"))).satisfies(r -> {
            assertThat(r.status()).isEqualTo(404);
            assertThat(r.body()).containsEntry("reason", "MetricNotFound");
        });
    }

    @Test
    void cachedMetricsComeFromTheLastPoll() {
        String ns = "cached";
        Source source = ControllableScalerFactory.source("cached").value(3);
        deploy(ns, "worker", 1, "cached", 3600, "", "useCachedMetrics: true");
        await().atMost(WAIT).until(() -> source.reads.get() >= 1);
        int reads = source.reads.get();
        Response response = get(metricPath(ns, "worker", "s0-tide-test-cached"));
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).containsEntry("fromLastPoll", true);
        assertThat(source.reads.get()).isEqualTo(reads);
    }

    @Test
    void identicalConcurrentLiveReadsAreCollapsedIntoOne() {
        String ns = "singleflight";
        Source source = ControllableScalerFactory.source("singleflight").value(4);
        deploy(ns, "worker", 1, "singleflight", 3600, "", "");
        await().atMost(WAIT).until(() -> source.reads.get() == 1 && published.find(new ObjectKey(ns, "worker")).isPresent());
        source.hang();
        String path = metricPath(ns, "worker", "s0-tide-test-singleflight");
        List<CompletableFuture<Response>> requests = IntStream.range(0, 5)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> get(path))).toList();
        await().during(Duration.ofMillis(500)).atMost(WAIT).until(() -> source.reads.get() == 2);
        source.release();
        assertThat(requests).allSatisfy(r -> assertThat(r.join().status()).isEqualTo(200));
        assertThat(source.reads.get()).isEqualTo(2);
    }

    @Test
    void prometheusShowsKedasSeriesWithKedasLabels() {
        String ns = "prom";
        ControllableScalerFactory.source("prom").value(1);
        deploy(ns, "worker", 1, "prom", "");
        await().atMost(WAIT).untilAsserted(() -> {
            String text = (String) get(managementPort, "/actuator/prometheus").body().get("text");
            String labels = "metric=\"s0-tide-test-prom\",namespace=\"prom\",scaledObject=\"worker\",scaler=\"tideTestScaler\","
                    + "triggerIndex=\"0\",type=\"scaledobject\"";
            assertThat(text)
                    .contains("keda_scaler_metrics_value{" + labels + "} 1.0")
                    .contains("keda_scaler_active{" + labels + "} 1.0")
                    .contains("keda_scaler_metrics_latency_seconds{" + labels + "}")
                    .contains("keda_internal_scale_loop_latency_seconds{namespace=\"prom\",resource=\"worker\",type=\"scaledobject\"}")
                    .contains("keda_scaled_object_paused{namespace=\"prom\",scaledObject=\"worker\"} 0.0")
                    .contains("keda_resource_registered_total{namespace=\"prom\",type=\"scaled_object\"}")
                    .contains("keda_trigger_registered_total{type=\"tide-test\"}")
                    .contains("# TYPE keda_resource_registered_total gauge", "# TYPE keda_trigger_registered_total gauge")
                    .contains("keda_build_info{git_commit=\"HEAD\",goarch=")
                    .contains("tide_controller_leader 1.0")
                    // Only a ScaledObject with a fallback has the series; this one has none.
                    .doesNotContain("tide_scaled_object_fallback_active{namespace=\"prom\"")
                    .contains("tide_scale_loop_lag_seconds_bucket");
        });
    }
}
