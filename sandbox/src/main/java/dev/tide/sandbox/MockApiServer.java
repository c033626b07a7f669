package dev.tide.sandbox;

import dev.tide.keda.api.KedaApi;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fabric8 mock API server in CRUD mode on 127.0.0.1, with Tide's CRDs registered so the status subresource and
 * generations behave as on a real API server. It notes every write to a {@code /scale} subresource with its time:
 * the reaction benchmark measures up to that write, as a real cluster's audit log would.
 */
final class MockApiServer implements AutoCloseable {

    private static final Pattern SCALE_PATH = Pattern.compile("/apis/apps/v1/namespaces/([^/]+)/deployments/([^/]+)/scale");
    private static final Pattern REPLICAS = Pattern.compile("\"replicas\"\\s*:\\s*(\\d+)");

    private final KubernetesMockServer server;
    private final List<ScaleWrite> scaleWrites = new CopyOnWriteArrayList<>();
    private final KubernetesClient client;

    /** A {@code PUT} or {@code PATCH} of a Deployment's {@code /scale}, as the server received it. */
    record ScaleWrite(Instant at, String namespace, String deployment, int replicas, String userAgent) {
    }

    MockApiServer(Clock clock) {
        KubernetesCrudDispatcher dispatcher = new KubernetesCrudDispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                // Noted before the write is applied, as an audit log would; the body is read without consuming it.
                recordScaleWrite(request, clock.instant());
                if ("GET".equals(request.getMethod())) {
                    String path = request.getPath();
                    int query = path.indexOf('?');
                    Optional<String> discovery = Discovery.document(query < 0 ? path : path.substring(0, query));
                    if (discovery.isPresent()) {
                        MockResponse response = new MockResponse().setResponseCode(200).setBody(discovery.get());
                        response.addHeader("Content-Type", "application/json");
                        return response;
                    }
                }
                return super.dispatch(request);
            }
        };
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), dispatcher, false);
        try {
            server.init(InetAddress.getByName("127.0.0.1"), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        client = newClient();
        for (String crd : KedaApi.CRD_FILES) {
            try (InputStream in = MockApiServer.class.getResourceAsStream("/tide-crds/" + crd)) {
                if (in == null) {
                    throw new SandboxException("CRD " + crd + " is missing from the sandbox's class path");
                }
                CustomResourceDefinition definition = client.getKubernetesSerialization().unmarshal(in,
                        CustomResourceDefinition.class);
                client.apiextensions().v1().customResourceDefinitions().resource(definition).create();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private void recordScaleWrite(RecordedRequest request, Instant received) {
        String method = request.getMethod();
        if (!"PUT".equals(method) && !"PATCH".equals(method)) {
            return;
        }
        String path = request.getPath();
        int query = path.indexOf('?');
        Matcher matcher = SCALE_PATH.matcher(query < 0 ? path : path.substring(0, query));
        if (!matcher.matches()) {
            return;
        }
        Matcher replicas = REPLICAS.matcher(new String(request.getBody().getBytes(), StandardCharsets.UTF_8));
        if (replicas.find()) {
            scaleWrites.add(new ScaleWrite(received, matcher.group(1), matcher.group(2),
                    Integer.parseInt(replicas.group(1)), String.valueOf(request.getHeader("User-Agent"))));
        }
    }

    String url() {
        return server.url("/").replaceAll("/$", "");
    }

    int port() {
        return server.getPort();
    }

    KubernetesClient client() {
        return client;
    }

    /** A new client of this server, with retries off so that errors show. */
    KubernetesClient newClient() {
        Config config = new ConfigBuilder(Config.empty())
                .withMasterUrl(url())
                .withNamespace("default")
                .withRequestRetryBackoffLimit(0)
                .build();
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    List<ScaleWrite> scaleWrites() {
        return List.copyOf(scaleWrites);
    }

    /** A kubeconfig for {@code kubectl}, pointing at this server. */
    Path writeKubeconfig(Path file) {
        String kubeconfig = """
                apiVersion: v1
                kind: Config
                clusters:
                  - name: tide-sandbox
                    cluster:
                      server: %s
                users:
                  - name: tide-sandbox
                    user:
                      token: sandbox
                contexts:
                  - name: tide-sandbox
                    context:
                      cluster: tide-sandbox
                      user: tide-sandbox
                      namespace: default
                current-context: tide-sandbox
                """.formatted(url());
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, kubeconfig);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }
}
