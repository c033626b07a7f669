package dev.tide.scaler.prometheus;

import dev.tide.scaler.api.MetricSpec;
import dev.tide.scaler.api.MetricValue;
import dev.tide.scaler.api.Scaler;
import dev.tide.scaler.api.ScalerException;
import dev.tide.scaler.api.ScalerSample;
import dev.tide.scaler.api.Secret;
import dev.tide.scaler.api.clients.SharedClients;
import dev.tide.scaler.prometheus.AuthParameters.AuthMode;
import dev.tide.scaler.prometheus.Exchange.Budget;
import dev.tide.scaler.prometheus.Exchange.ExchangeException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code prometheus} trigger: runs the instant query at every read, reports its value and is active while the
 * value is above {@code activationThreshold} (KEDA's {@code GetMetricsAndActivity}). A query that cannot be read
 * throws, with KEDA's message; credentials go into the request only.
 */
final class PrometheusScaler implements Scaler {

    private static final Logger log = LoggerFactory.getLogger(PrometheusScaler.class);

    private final PrometheusTrigger trigger;
    private final QueryRequest request;
    private final SharedClients.Lease<HttpClient> client;
    private final Optional<OAuthTokens> tokens;
    private final Clock clock;

    PrometheusScaler(PrometheusTrigger trigger, SharedClients.Lease<HttpClient> client, Clock clock) {
        this.trigger = trigger;
        this.request = new QueryRequest(trigger.parameters(), trigger.auth());
        this.client = client;
        this.tokens = trigger.auth().enabled(AuthMode.OAUTH) ? Optional.of(new OAuthTokens(trigger.auth())) : Optional.empty();
        this.clock = clock;
    }

    @Override
    public List<MetricSpec> metricSpecs() {
        return List.of(trigger.metricSpec());
    }

    @Override
    public ScalerSample sample(String metricName) {
        double value = query();
        log.debug("{}: query {} = {}", trigger.label(), trigger.parameters().query(), value);
        return ScalerSample.of(MetricValue.of(metricName, value), value > trigger.parameters().activationThreshold());
    }

    /** KEDA's {@code ExecutePromQuery}. */
    double query() {
        Budget budget = Budget.of(trigger.timeout());
        URI uri = request.uri(clock.instant());
        HttpResponse<byte[]> response;
        try {
            Optional<Secret> token = tokens.isPresent() ? Optional.of(tokens.get().token(client.client(), budget)) : Optional.empty();
            response = Exchange.get(client.client(), uri, request.headers(token), request.credentialHeaders(), budget);
        } catch (ExchangeException e) {
            throw new ScalerException(trigger.label() + ": " + e.getMessage(), e);
        }
        QueryAnswer answer = QueryAnswer.read(response.statusCode(), response.body(), trigger.parameters().query(),
                trigger.parameters().ignoreNullValues());
        if (answer instanceof QueryAnswer.Failure failure) {
            throw new ScalerException(trigger.label() + ": " + failure.message());
        }
        return ((QueryAnswer.Value) answer).value();
    }

    @Override
    public void close() {
        client.close();
    }

    @Override
    public String toString() {
        return "PrometheusScaler[" + trigger.label() + ", " + Exchange.shown(URI.create(trigger.parameters().serverAddress()))
                + ", query=" + trigger.parameters().query() + "]";
    }
}
