package dev.tide.scaler.metricsapi;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tide.scaler.metricsapi.MetricsApiParameters.ApiKeyMethod;
import dev.tide.scaler.metricsapi.MetricsApiParameters.AuthMode;
import dev.tide.scaler.api.MetricSpec;
import dev.tide.scaler.api.MetricValue;
import dev.tide.scaler.api.Scaler;
import dev.tide.scaler.api.ScalerException;
import dev.tide.scaler.api.ScalerSample;
import dev.tide.scaler.api.Secret;
import dev.tide.scaler.api.TriggerConfig;
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
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One {@code metrics-api} trigger: GETs the URL, reads the number at {@code valueLocation} and reports it; the
 * trigger is active while the number is above {@code activationTargetValue} (KEDA's
 * {@code GetMetricsAndActivity}). Credentials go into the request only, never into messages.
 */
final class MetricsApiScaler implements Scaler {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String label;
    private final MetricsApiParameters parameters;
    private final ValueLocation location;
    private final MetricSpec metricSpec;
    private final HttpClient client;
    private final HttpRequest request;
    /** The URL without user info and query (which may hold the API key): safe for messages. */
    private final String shownUrl;

    MetricsApiScaler(TriggerConfig config, MetricsApiParameters parameters, MetricSpec metricSpec, HttpClient client) {
        this.label = config.label();
        this.parameters = parameters;
        this.location = parameters.location();
        this.metricSpec = metricSpec;
        this.client = client;
        URI uri = parameters.uri();
        this.shownUrl = uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
                + (uri.getRawPath() == null ? "" : uri.getRawPath());
        this.request = request(parameters, config);
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

    /** The JDK client is shared by the factory and has nothing to release per trigger on Java 17. */
    @Override
    public void close() {
    }

    @Override
    public String toString() {
        return "MetricsApiScaler[" + label + ", " + shownUrl + ", valueLocation=" + location.text() + "]";
    }

    private double readValue() {
        HttpResponse<byte[]> response = send();
        if (response.statusCode() != 200) {
            throw new ScalerException(label + ": GET " + shownUrl + " returned HTTP " + response.statusCode()
                    + ", expected 200");
        }
        JsonNode document;
        try {
            document = JSON.readTree(response.body());
        } catch (JacksonException e) {
            throw new ScalerException(label + ": the response of GET " + shownUrl + " is not JSON: "
                    + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ScalerException(label + ": could not read the response of GET " + shownUrl + ": " + e, e);
        }
        if (document == null || document.isMissingNode()) {
            throw new ScalerException(label + ": GET " + shownUrl + " returned an empty body");
        }
        try {
            return location.read(document);
        } catch (IllegalArgumentException e) {
            throw new ScalerException(label + ": " + e.getMessage() + " of GET " + shownUrl);
        }
    }

    private HttpResponse<byte[]> send() {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            // The JDK's messages name host and port at most; the request's query string is never in them.
            throw new ScalerException(label + ": GET " + shownUrl + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ScalerException(label + ": interrupted while calling GET " + shownUrl, e);
        }
    }

    private static HttpRequest request(MetricsApiParameters parameters, TriggerConfig config) {
        boolean apiKey = parameters.uses(AuthMode.API_KEY);
        URI uri = apiKey && parameters.method() == ApiKeyMethod.QUERY
                ? withQueryParameter(parameters.uri(), parameters.apiKeyName(), parameters.apiKey().get().reveal())
                : parameters.uri();
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(config.timeout())
                .header("Accept", "application/json")
                .GET();
        if (apiKey && parameters.method() == ApiKeyMethod.HEADER) {
            request.header(parameters.apiKeyName(), parameters.apiKey().get().reveal());
        }
        if (parameters.uses(AuthMode.BASIC)) {
            String credentials = parameters.username().orElseThrow() + ":"
                    + parameters.password().map(Secret::reveal).orElse("");
            request.header("Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        if (parameters.uses(AuthMode.BEARER)) {
            request.header("Authorization", "Bearer " + parameters.bearerToken().get().reveal());
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
