package dev.tide.scaler.metricsapi;

import dev.tide.scaler.api.ConnectionKey;
import dev.tide.scaler.api.MetricSpec;
import dev.tide.scaler.api.MetricTargetType;
import dev.tide.scaler.api.MilliValue;
import dev.tide.scaler.api.Scaler;
import dev.tide.scaler.api.ScalerConfigException;
import dev.tide.scaler.api.ScalerFactory;
import dev.tide.scaler.api.TriggerConfig;
import dev.tide.scaler.api.clients.SharedClients;
import dev.tide.scaler.api.clients.SharedHttpClients;
import dev.tide.scaler.api.metrics.MetricNames;
import dev.tide.scaler.api.params.ParameterBinder;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code type: metrics-api}: scales on a number read from any HTTP API that answers json, xml, yaml or Prometheus' text
 * format (KEDA's metrics-api scaler). Built into Tide, and listed in
 * {@code META-INF/services/dev.tide.scaler.api.ScalerFactory} so that the host finds it with
 * {@link java.util.ServiceLoader} as it finds every scaler.
 */
public final class MetricsApiScalerFactory implements ScalerFactory {

    static final String TYPE = "metrics-api";

    /** The inputs that pick the server and the credential; the path, format and targets do not. */
    private static final Set<String> CREDENTIALS = Set.of("authModes", "authMode", "bearerToken", "token", "username",
            "password", "apiKey", "method", "keyParamName", "cert", "key", "ca");

    private final HttpClients clients = new HttpClients();

    @Override
    public String type() {
        return TYPE;
    }

    /** Every problem of both parameter records is reported at once; TLS material that cannot be read is one too. */
    @Override
    public Scaler create(TriggerConfig config) {
        List<String> problems = new ArrayList<>();
        MetricsApiParameters parameters = bind(config, MetricsApiParameters.class, problems);
        MetricsApiAuth auth = bind(config, MetricsApiAuth.class, problems);
        MetricTargetType targetType = config.metricType().orElse(MetricTargetType.AVERAGE_VALUE);
        if (targetType == MetricTargetType.UTILIZATION) {
            problems.add("metricType Utilization is not supported by external metrics: use AverageValue or Value");
        }
        if (!problems.isEmpty()) {
            throw new ScalerConfigException(config.label(), problems);
        }
        SharedClients.Lease<HttpClient> client;
        try {
            client = clients.acquire(HttpClients.ClientKey.of(parameters, auth));
        } catch (IllegalArgumentException e) {
            throw new ScalerConfigException(config, e.getMessage());
        }
        // KEDA: GenerateMetricNameWithIndex(i, NormalizeString("metric-api-" + valueLocation)).
        String metricName = MetricNames.withIndex(config.triggerIndex(), "metric-api-" + parameters.valueLocation());
        MetricSpec spec = new MetricSpec(metricName, targetType, MilliValue.of(parameters.targetValue()));
        return new MetricsApiScaler(config, parameters, auth, spec, client);
    }

    @Override
    public List<Class<? extends Record>> parameterTypes() {
        return List.of(MetricsApiParameters.class, MetricsApiAuth.class);
    }

    /**
     * Triggers on one server with one credential share a guard (they share a client too): the URL's origin, unsafeSsl
     * and the credential inputs count, the path and the rest of the metadata do not.
     */
    @Override
    public ConnectionKey connectionKey(TriggerConfig config) {
        Map<String, String> identity = new TreeMap<>();
        String url = config.metadata().getOrDefault("url", "");
        try {
            URI uri = URI.create(url.trim());
            if (uri.getHost() == null) {
                throw new IllegalArgumentException("no host");
            }
            identity.put("m:server", SharedHttpClients.origin(uri));
        } catch (RuntimeException notAnHttpUrl) {
            identity.put("m:url", url);
        }
        config.metadata().forEach((key, value) -> {
            if (key.equals("unsafeSsl") || CREDENTIALS.contains(key)) {
                identity.put("m:" + key, value);
            }
        });
        config.authParams().forEach((key, value) -> {
            if (CREDENTIALS.contains(key)) {
                identity.put("a:" + key, value);
            }
        });
        return new ConnectionKey(TYPE, identity);
    }

    /** Open HTTP clients; for tests. */
    int openClients() {
        return clients.size();
    }

    private static <R extends Record> R bind(TriggerConfig config, Class<R> type, List<String> problems) {
        try {
            return ParameterBinder.bind(config, type);
        } catch (ScalerConfigException e) {
            problems.addAll(e.problems());
            return null;
        }
    }
}
