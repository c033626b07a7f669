package dev.tide.scaler.metricsapi;

import dev.tide.scaler.api.MetricSpec;
import dev.tide.scaler.api.MetricValue;
import dev.tide.scaler.api.Scaler;
import dev.tide.scaler.api.ScalerException;
import dev.tide.scaler.api.ScalerSample;
import dev.tide.scaler.api.Secret;
import dev.tide.scaler.api.TriggerConfig;
import dev.tide.scaler.api.clients.SharedClients;
import dev.tide.scaler.api.clients.SharedHttpClients;
import dev.tide.scaler.metricsapi.MetricsApiAuth.ApiKeyMethod;
import dev.tide.scaler.metricsapi.MetricsApiAuth.AuthMode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One {@code metrics-api} trigger: GETs the URL, reads the number at {@code valueLocation} and reports it; the
 * trigger is active while the number is above {@code activationTargetValue} (KEDA's {@code GetMetricsAndActivity}).
 * Credentials go into the request only, never into messages.
 */
final class MetricsApiScaler implements Scaler {

    private final String label;
    private final MetricsApiParameters parameters;
    private final ValueLocation location;
    private final MetricSpec metricSpec;
    private final SharedClients.Lease<HttpClient> client;
    private final HttpRequest request;
    /** The URL without user info and query (which may hold the API key): safe for messages. */
    private final String shownUrl;

    MetricsApiScaler(TriggerConfig config, MetricsApiParameters parameters, MetricsApiAuth auth, MetricSpec metricSpec,
            SharedClients.Lease<HttpClient> client) {
        this.label = config.label();
        this.parameters = parameters;
        this.location = parameters.location();
        this.metricSpec = metricSpec;
        this.client = client;
        URI uri = parameters.uri();
        this.shownUrl = SharedHttpClients.origin(uri) + (uri.getRawPath() == null ? "" : uri.getRawPath());
        this.request = request(parameters, auth, config);
    }

    @Override
    public List<MetricSpec> metricSpecs() {
        return List.of(metricSpec);
    }

    @Override
    public ScalerSample sample(String metricName) {
        double value = readValue();
        return ScalerSample.of(MetricValue.of(metricName, value), value > parameters.activationTargetValue());
    }

    /** Lets go of this trigger's share of the client; the last trigger on a server and identity drops it. */
    @Override
    public void close() {
        client.close();
    }

    @Override
    public String toString() {
        return "MetricsApiScaler[" + label + ", " + shownUrl + ", " + parameters.format().name().toLowerCase(Locale.ROOT)
                + ", valueLocation=" + location.text() + "]";
    }

    private double readValue() {
        HttpResponse<byte[]> response = send();
        if (response.statusCode() != 200) {
            // KEDA: "<path>: api returned <status>".
            throw new ScalerException(label + ": GET " + shownUrl + ": api returned " + response.statusCode());
        }
        try {
            return location.read(response.body());
        } catch (IllegalArgumentException e) {
            throw new ScalerException(label + ": GET " + shownUrl + ": " + e.getMessage());
        }
    }

    private HttpResponse<byte[]> send() {
        try {
            return client.client().send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            // The JDK's messages name host and port at most; the request's query string is never in them.
            throw new ScalerException(label + ": GET " + shownUrl + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ScalerException(label + ": interrupted while calling GET " + shownUrl, e);
        }
    }

    /** KEDA's {@code getMetricAPIServerRequest}: the API key in the query or a header, then basic, then bearer. */
    private static HttpRequest request(MetricsApiParameters parameters, MetricsApiAuth auth, TriggerConfig config) {
        boolean apiKey = auth.uses(AuthMode.API_KEY);
        URI uri = apiKey && auth.method() == ApiKeyMethod.QUERY
                ? withQueryParameter(parameters.uri(), auth.apiKeyName(), auth.apiKey().orElseThrow().reveal())
                : parameters.uri();
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(parameters.requestTimeout().orElse(config.timeout()))
                .GET();
        if (apiKey && auth.method() == ApiKeyMethod.HEADER) {
            request.header(auth.apiKeyName(), auth.apiKey().orElseThrow().reveal());
        }
        if (auth.uses(AuthMode.BASIC)) {
            String credentials = auth.username().orElseThrow() + ":" + auth.password().map(Secret::reveal).orElse("");
            request.header("Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        if (auth.uses(AuthMode.BEARER)) {
            request.header("Authorization", "Bearer " + auth.bearerToken().orElseThrow().reveal());
        }
        return request.build();
    }

    /** Sets one query parameter, replacing any of the same name, as KEDA's {@code url.Values.Set}. */
    private static URI withQueryParameter(URI uri, String name, String value) {
        String encodedName = URLEncoder.encode(name, StandardCharsets.UTF_8);
        Stream<String> kept = uri.getRawQuery() == null ? Stream.empty()
                : Arrays.stream(uri.getRawQuery().split("&")).filter(pair -> !pair.split("=", 2)[0].equals(encodedName));
        String query = Stream.concat(kept, Stream.of(encodedName + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8)))
                .collect(Collectors.joining("&"));
        String text = uri.toString();
        int cut = text.indexOf('?') >= 0 ? text.indexOf('?') : text.indexOf('#') >= 0 ? text.indexOf('#') : text.length();
        return URI.create(text.substring(0, cut) + "?" + query);
    }
}
