package dev.tide.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.boot.json.JsonParserFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;

/**
 * The controller's readiness group on a mock API server of its own (CRUD mode) whose first LIST of ScaledObjects, the
 * informer's, waits until the test lets it go: {@code /actuator/health/readiness} answers 503 with the
 * {@code informers} component out of service while the LIST is held, and 200 once the informers have synced and this
 * replica, the only one, leads with its scale loops started.
 */
class ReadinessIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final HeldScaledObjectList DISPATCHER = new HeldScaledObjectList();
    private static final KubernetesMockServer SERVER = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
            DISPATCHER, false);
    private static final KubernetesClient CLIENT = MockCluster.start(SERVER);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** CRUD, except that the first LIST (not WATCH) of ScaledObjects is answered only once {@link #release} is called. */
    static final class HeldScaledObjectList extends KubernetesCrudDispatcher {
        final CountDownLatch held = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);
        private final AtomicBoolean first = new AtomicBoolean(true);

        @Override
        public MockResponse dispatch(RecordedRequest request) {
            String path = request.getPath();
            boolean list = "GET".equals(request.getMethod()) && path.matches(".*/scaledobjects(\\?.*)?") && !path.contains("watch=true");
            if (list && first.compareAndSet(true, false)) {
                held.countDown();
                try {
                    released.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return super.dispatch(request);
        }

        void release() {
            released.countDown();
        }
    }

    /** Component scanning would also find the test classes' configurations; the controller under test gets none. */
    static final class MainClassesOnly extends TypeExcludeFilter {
        @Override
        public boolean match(MetadataReader reader, MetadataReaderFactory factory) {
            return reader.getResource().toString().contains("test-classes");
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class HeldClusterClient {
        @Bean
        @Primary
        KubernetesClient heldClusterClient() {
            return CLIENT;
        }
    }

    @AfterAll
    static void stopServer() {
        DISPATCHER.release();
        CLIENT.close();
        SERVER.destroy();
    }

    @Test
    void notReadyUntilTheInformersHaveSyncedAndTheLeadersLoopsHaveStarted() throws Exception {
        int managementPort = freePort();
        CompletableFuture<ConfigurableApplicationContext> started = CompletableFuture.supplyAsync(
                () -> new SpringApplicationBuilder(TideControllerApplication.class, HeldClusterClient.class)
                        .initializers(c -> c.getBeanFactory().registerSingleton("mainClassesOnly", new MainClassesOnly()))
                        .run(
                        "--server.port=0", "--management.server.port=" + managementPort,
                        "--tide.controller.cluster-object-namespace=tide-system",
                        "--tide.controller.leader-election.lease-name=readiness-full-it",
                        "--tide.controller.leader-election.lease-duration=3s",
                        "--tide.controller.leader-election.renew-deadline=2s",
                        "--tide.controller.leader-election.retry-period=500ms"));
        try {
            assertThat(DISPATCHER.held.await(WAIT.toSeconds(), TimeUnit.SECONDS)).as("the informer asked for ScaledObjects").isTrue();
            await().atMost(WAIT).ignoreExceptions().until(() -> readiness(managementPort).statusCode() == 503);
            Map<String, Object> held = components(readiness(managementPort).body());
            assertThat(status(held, "informers")).isEqualTo("OUT_OF_SERVICE");

            DISPATCHER.release();
            // The only replica takes the Lease a moment after it stands (and is ready as a follower meanwhile).
            HttpResponse<String> response = await().atMost(WAIT).ignoreExceptions().until(() -> readiness(managementPort),
                    r -> r.statusCode() == 200 && r.body().contains("\"standing\":\"leading\""));
            Map<String, Object> ready = components(response.body());
            assertThat(status(ready, "informers")).isEqualTo("UP");
            assertThat(status(ready, "scaleLoops")).isEqualTo("UP");
            assertThat(started).succeedsWithin(WAIT);
        } finally {
            DISPATCHER.release();
            started.thenAccept(ConfigurableApplicationContext::close).get(WAIT.toSeconds(), TimeUnit.SECONDS);
            // Starting an application resets logging; the other ITs of this JVM read their log lines from the capture.
            MockCluster.captureLogs();
        }
    }

    private static HttpResponse<String> readiness(int port) throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(5)).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> components(String body) {
        return (Map<String, Object>) JsonParserFactory.getJsonParser().parseMap(body).get("components");
    }

    @SuppressWarnings("unchecked")
    private static String status(Map<String, Object> components, String name) {
        return (String) ((Map<String, Object>) components.get(name)).get("status");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
