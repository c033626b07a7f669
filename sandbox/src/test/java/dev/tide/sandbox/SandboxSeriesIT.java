package dev.tide.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Series truth: the controller and the metrics service of a sandbox run, scraped as Prometheus scrapes them, after
 * a burst that activates {@code orders-worker} (0 → N → 0) and with two ScaledObjects whose event source is down,
 * one serving its fallback. Every series the dashboard's panels and variables and the alert rules read must be in
 * those scrapes, with the labels they match and group by; the promtool fixture's captured group must be the healthy
 * scrape's series, and its hand-written groups may use no other series than the scrapes showed.
 *
 * <p>Regenerate the fixture after a change to the series or the rules with
 * {@code ./mvnw -B -pl sandbox -am verify -Dit.test=SandboxSeriesIT -Dtide.fixtures.update=true} (add
 * {@code -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SandboxSeriesIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration WAIT = Duration.ofSeconds(60);
    /** Passes between the two healthy scrapes: counters' rise per minute comes from them. */
    private static final int PASSES_BETWEEN_SCRAPES = 8;

    private ShortRun<Report> run;
    private Scrape healthyFirst;
    private Scrape healthySecond;
    private double secondsBetween;
    private Scrape faulty;

    @BeforeAll
    void activateThenBreakTwoSources() throws Exception {
        run = ShortRun.start("series", "idle 2s, burst 300, idle");
        assertThat(run.report().failure()).as("the scale scenario's verdict").isEmpty();

        healthyFirst = scrapeBoth();
        long start = System.nanoTime();
        double passes = passes(healthyFirst);
        await().atMost(WAIT).until(() -> passes(scrapeBoth()) >= passes + PASSES_BETWEEN_SCRAPES);
        healthySecond = scrapeBoth();
        secondsBetween = (System.nanoTime() - start) / 1e9;

        int closed = Environment.freePort();
        for (String name : List.of("broken", "broken-fallback")) {
            breakSource(name, closed, name.endsWith("fallback"));
        }
        breakJobSource(closed);
        await().atMost(WAIT).until(() -> {
            Scrape scrape = scrapeBoth();
            boolean fallback = scrape.series().stream().anyMatch(s -> s.name().equals("tide_scaled_object_fallback_active")
                    && "broken-fallback".equals(s.labels().get("scaledObject")) && s.value() == 1);
            boolean errors = scrape.series().stream().anyMatch(s -> s.name().equals("keda_scaler_detail_errors_total")
                    && "broken".equals(s.labels().get("scaledObject")) && s.value() > 0);
            boolean apiErrors = scrape.series().stream().anyMatch(s -> s.name().equals("http_server_requests_seconds_count")
                    && s.labels().getOrDefault("status", "").startsWith("5")
                    && s.labels().getOrDefault("uri", "").startsWith("/apis/external.metrics.k8s.io/"));
            boolean jobErrors = scrape.series().stream().anyMatch(s -> s.name().equals("keda_scaled_job_errors_total")
                    && s.value() > 0);
            if (fallback && errors && apiErrors && jobErrors) {
                faulty = scrape;
                return true;
            }
            return false;
        });
        // What the hand-written promtool groups may use: every series of the run, one per line.
        Files.writeString(run.runDir().resolve("scraped-series.txt"), healthyFirst.plus(faulty).series().stream()
                .map(Scrape.Series::selector).distinct().sorted().collect(Collectors.joining("\n")));
    }

    @AfterAll
    void stopEverything() {
        if (run != null) {
            run.close();
        }
    }

    @Test
    void everyPanelVariableAndAlertReadsSeriesTheServicesExport() {
        Scrape all = healthyFirst.plus(healthySecond).plus(faulty);
        Path root = Queries.root();
        List<Queries.Query> queries = new ArrayList<>(Queries.dashboard(root));
        queries.addAll(Queries.alerts(root));
        assertThat(SeriesTruth.problems(queries, all)).isEmpty();
    }

    @Test
    void theSeriesCarryKedasLabelValuesAndTypes() {
        Map<String, String> types = faulty.types();
        assertThat(types).containsEntry("keda_resource_registered_total", "gauge")
                .containsEntry("keda_trigger_registered_total", "gauge")
                .containsEntry("keda_build_info", "gauge")
                .containsEntry("keda_scaler_detail_errors_total", "counter");
        assertThat(values(faulty, "keda_scaler_active", "scaler")).contains("kafkaScaler", "metricsAPIScaler");
        assertThat(values(faulty, "keda_scaler_active", "type")).containsOnly("scaledobject", "scaledjob");
        assertThat(values(faulty, "keda_resource_registered_total", "type")).containsOnly("scaled_object", "scaled_job");
        assertThat(values(faulty, "keda_build_info", "goos")).isNotEmpty();
        assertThat(values(faulty, "tide_controller_leader", "job")).containsOnly("controller");
        assertThat(values(healthySecond, "tide_scaled_object_activations_total", "transition")).contains("activated", "deactivated");
    }

    @Test
    void thePromtoolFixtureIsTheHealthyScrapeAndInventsNoSeries() throws IOException {
        Path file = Queries.root().resolve(AlertFixture.FILE);
        String text = Files.readString(file);
        Set<String> alertMetrics = Queries.alerts(Queries.root()).stream()
                .flatMap(q -> PromQl.parse(q.expr()).selectors().stream()).map(PromQl.Selector::metric)
                .collect(Collectors.toSet());
        String block = AlertFixture.healthyGroup(healthyFirst, healthySecond, secondsBetween, alertMetrics,
                Queries.alertNames(Queries.root()));
        if (Boolean.getBoolean("tide.fixtures.update")) {
            Files.writeString(file, AlertFixture.withBlock(text, block));
            text = Files.readString(file);
        }
        assertThat(AlertFixture.identities(AlertFixture.block(text)))
                .as("the captured series in %s; regenerate with -Dtide.fixtures.update=true", AlertFixture.FILE)
                .containsExactlyInAnyOrderElementsOf(AlertFixture.identities(block));
        assertThat(AlertFixture.invented(text, healthyFirst.plus(healthySecond).plus(faulty)))
                .as("input series of the hand-written groups that no scrape showed").isEmpty();
    }

    private static Set<String> values(Scrape scrape, String metric, String label) {
        return scrape.series().stream().filter(s -> s.name().equals(metric)).map(s -> s.labels().get(label))
                .collect(Collectors.toSet());
    }

    private static double passes(Scrape scrape) {
        return scrape.series().stream().filter(s -> s.name().equals("tide_scale_loop_pass_duration_seconds_count"))
                .mapToDouble(Scrape.Series::value).sum();
    }

    private Scrape scrapeBoth() {
        return Scrape.parse(get(run.env().controllerManagementPort), "controller")
                .plus(Scrape.parse(get(run.env().deployment().metricsManagementPort()), "metrics-service"));
    }

    private static String get(int port) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"))
                .header("Accept", "text/plain;version=0.0.4").timeout(Duration.ofSeconds(5)).build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            return response.body();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A ScaledJob on the same dead source: the dashboard's ScaledJob panels read its series. */
    private void breakJobSource(int closedPort) {
        String yaml = """
                apiVersion: keda.sh/v1alpha1
                kind: ScaledJob
                metadata:
                  name: broken-job
                  namespace: %s
                spec:
                  pollingInterval: 1
                  maxReplicaCount: 2
                  jobTargetRef:
                    template:
                      spec:
                        restartPolicy: Never
                        containers:
                          - name: job
                            image: tide/job:sandbox
                  triggers:
                    - type: metrics-api
                      metadata:
                        url: http://127.0.0.1:%d/value
                        valueLocation: value
                        targetValue: "5"
                """.formatted(Settings.NAMESPACE, closedPort);
        var client = run.env().client;
        client.resource(client.getKubernetesSerialization().unmarshal(yaml, GenericKubernetesResource.class)).create();
    }

    /** A Deployment and a ScaledObject on a metrics-api source nobody listens on; with a fallback of 2 replicas, or none. */
    private void breakSource(String name, int closedPort, boolean withFallback) {
        var client = run.env().client;
        Map<String, String> labels = Map.of("app", name);
        client.apps().deployments().inNamespace(Settings.NAMESPACE).resource(new DeploymentBuilder()
                .withNewMetadata().withName(name).withNamespace(Settings.NAMESPACE).withLabels(labels).endMetadata()
                .withNewSpec().withReplicas(1).withNewSelector().withMatchLabels(labels).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(labels).endMetadata()
                .withNewSpec().addNewContainer().withName("worker").withImage("tide/broken:sandbox").endContainer().endSpec()
                .endTemplate().endSpec().build()).create();
        String yaml = """
                apiVersion: keda.sh/v1alpha1
                kind: ScaledObject
                metadata:
                  name: %s
                  namespace: %s
                spec:
                  scaleTargetRef:
                    name: %s
                  pollingInterval: 1
                  minReplicaCount: 1
                  maxReplicaCount: 3
                %s  triggers:
                    - type: metrics-api
                      metadata:
                        url: http://127.0.0.1:%d/value
                        valueLocation: value
                        targetValue: "5"
                """.formatted(name, Settings.NAMESPACE, name,
                withFallback ? "  fallback:\n    failureThreshold: 1\n    replicas: 2\n" : "", closedPort);
        client.resource(client.getKubernetesSerialization().unmarshal(yaml, GenericKubernetesResource.class)).create();
    }
}
