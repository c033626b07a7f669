package dev.tide.scaler.metricsapi;

import dev.tide.scaler.api.MetricSpec;
import dev.tide.scaler.api.MetricTargetType;
import dev.tide.scaler.api.MilliValue;
import dev.tide.scaler.api.Scaler;
import dev.tide.scaler.api.ScalerConfigException;
import dev.tide.scaler.api.ScalerFactory;
import dev.tide.scaler.api.TriggerConfig;
import dev.tide.scaler.api.clients.UnsafeSsl;
import dev.tide.scaler.api.metrics.MetricNames;
import dev.tide.scaler.api.params.ParameterBinder;
import java.net.http.HttpClient;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

/**
 * {@code type: metrics-api}: scales on a number read from any HTTP API that answers JSON (KEDA's metrics-api
 * scaler). Listed in {@code META-INF/services/dev.tide.scaler.api.ScalerFactory}, so Tide finds it with
 * {@link java.util.ServiceLoader} when this plugin's folder is in its plugins folder.
 */
public final class MetricsApiScalerFactory implements ScalerFactory {

    static final String TYPE = "metrics-api";

    /**
     * One JDK client per kind, shared by every trigger: each client holds a selector thread and a connection
     * pool, so a client per trigger would cost a thread per trigger.
     */
    private final ConcurrentMap<ClientKind, HttpClient> clients = new ConcurrentHashMap<>();

    /**
     * What differs between clients. Redirects are followed only for triggers without credentials: the JDK
     * client would repeat the Authorization or API key header to wherever a redirect points.
     */
    private record ClientKind(boolean unsafeSsl, boolean followRedirects) {
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Scaler create(TriggerConfig config) {
        MetricsApiParameters parameters = ParameterBinder.bind(config, MetricsApiParameters.class);
        MetricTargetType targetType = config.metricType().orElse(MetricTargetType.AVERAGE_VALUE);
        if (targetType == MetricTargetType.UTILIZATION) {
            throw new ScalerConfigException(config, "metricType Utilization is not supported by external metrics: "
                    + "use AverageValue or Value");
        }
        // KEDA: GenerateMetricNameWithIndex(i, NormalizeString("metric-api-" + valueLocation)).
        String metricName = MetricNames.withIndex(config.triggerIndex(), "metric-api-" + parameters.valueLocation());
        MetricSpec spec = new MetricSpec(metricName, targetType, MilliValue.of(parameters.targetValue()));
        return new MetricsApiScaler(config, parameters, spec, clients.computeIfAbsent(
                new ClientKind(parameters.unsafeSsl(), parameters.authModes().isEmpty()), MetricsApiScalerFactory::client));
    }

    @Override
    public List<Class<? extends Record>> parameterTypes() {
        return List.of(MetricsApiParameters.class);
    }

    private static HttpClient client(ClientKind kind) {
        HttpClient.Builder builder = HttpClient.newBuilder()
                .followRedirects(kind.followRedirects() ? HttpClient.Redirect.NORMAL : HttpClient.Redirect.NEVER);
        if (kind.unsafeSsl()) {
            builder.sslContext(trustingEveryCertificate());
        }
        return builder.build();
    }

    private static SSLContext trustingEveryCertificate() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {UnsafeSsl.trustingTrustManager()}, new SecureRandom());
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM offers no TLS context", e);
        }
    }
}
