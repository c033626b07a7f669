package dev.tide.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.mock.http.client.MockClientHttpRequest;
import org.springframework.mock.http.client.MockClientHttpResponse;
import org.springframework.web.client.RestClient;

/** Sharded controllers: a replica that does not own the ScaledObject names the owner, and the client goes there next. */
class ControllerClientTest {

    private static final String VALUE = """
            {"namespace":"default","scaledObject":"orders","metricName":"s0-queue","fromLastPoll":true,"fallback":false,
             "values":[{"metricName":"s0-queue","value":"5","timestamp":"2026-01-01T00:00:00Z"}]}""";
    private static final List<URI> ENDPOINTS = List.of(0, 1, 2).stream()
            .map(i -> URI.create("https://tide-controller-" + i + ".tide-controller.tide.svc.cluster.local:8443")).toList();

    private final List<String> asked = new CopyOnWriteArrayList<>();

    /** Every replica but {@code owner} answers 503 NotOwner naming it; the owner answers the value. */
    private ClientHttpRequestFactory replicas(String owner) {
        return (uri, method) -> {
            String pod = uri.getHost().substring(0, uri.getHost().indexOf('.'));
            asked.add(pod);
            MockClientHttpRequest request = new MockClientHttpRequest(method, uri);
            MockClientHttpResponse response = pod.equals(owner)
                    ? new MockClientHttpResponse(VALUE.getBytes(StandardCharsets.UTF_8), HttpStatus.OK)
                    : new MockClientHttpResponse(("{\"reason\":\"NotOwner\",\"message\":\"ask " + owner + "\",\"owner\":\"" + owner + "\"}")
                            .getBytes(StandardCharsets.UTF_8), HttpStatus.SERVICE_UNAVAILABLE);
            response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
            request.setResponse(response);
            return request;
        };
    }

    @Test
    void goesStraightToTheOwnerANonOwnerNamesAndAsksItFirstNextTime() {
        ControllerClient client = new ControllerClient(ENDPOINTS, RestClient.builder(), replicas("tide-controller-2"));
        MetricKey key = new MetricKey("default", "orders", "s0-queue");

        ControllerMetric first = client.fetch(key);
        ControllerMetric second = client.fetch(key);

        assertThat(List.of(first, second)).allSatisfy(metric -> assertThat(metric.values().get(0).value()).isEqualTo("5"));
        assertThat(asked).as("the first replica, then the owner it named; then the owner only")
                .containsExactly("tide-controller-0", "tide-controller-2", "tide-controller-2");
    }

    @Test
    void anOwnerThatIsNoEndpointLeavesTheOthersToBeAskedInOrder() {
        ControllerClient client = new ControllerClient(ENDPOINTS.subList(0, 2), RestClient.builder(), replicas("tide-controller-9"));

        assertThatThrownBy(() -> client.fetch(new MetricKey("default", "orders", "s0-queue")))
                .isInstanceOf(MetricReadException.Failure.class)
                .hasMessageContaining("is not the owner (tide-controller-9 is)");
        assertThat(asked).containsExactly("tide-controller-0", "tide-controller-1");
    }

    @Test
    void theOwnersItRemembersAreBoundedAndAForgottenOneIsFoundAgain() {
        ControllerClient client = new ControllerClient(ENDPOINTS, RestClient.builder(), replicas("tide-controller-2"), 2);

        for (String name : List.of("a", "b", "c", "d", "e")) {
            assertThat(client.fetch(new MetricKey("default", name, "s0-queue")).values()).hasSize(1);
            assertThat(client.rememberedOwners()).isBetween(1, 2);
        }
        asked.clear();
        assertThat(client.fetch(new MetricKey("default", "a", "s0-queue")).values()).hasSize(1);
        assertThat(asked).as("the replica that answered last is asked first").containsExactly("tide-controller-2");
    }
}
