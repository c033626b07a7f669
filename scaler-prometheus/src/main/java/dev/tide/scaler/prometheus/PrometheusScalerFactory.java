package dev.tide.scaler.prometheus;

import dev.tide.scaler.api.ConnectionKey;
import dev.tide.scaler.api.Scaler;
import dev.tide.scaler.api.ScalerConfigException;
import dev.tide.scaler.api.ScalerFactory;
import dev.tide.scaler.api.TriggerCheck;
import dev.tide.scaler.api.TriggerConfig;
import dev.tide.scaler.api.clients.SharedClients;
import dev.tide.scaler.api.params.ParameterBinder;
import dev.tide.scaler.api.params.ParameterChecks;
import dev.tide.scaler.api.params.ParameterDescriptor;
import dev.tide.scaler.api.params.Source;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/** {@code type: prometheus}: the value of a PromQL instant query, as KEDA's prometheus scaler reads it. */
public final class PrometheusScalerFactory implements ScalerFactory {

    /** The metadata that names the server and how to reach it; the query and its targets are not part of it. */
    private static final Set<String> SERVER_METADATA = Set.of("serverAddress", "unsafeSsl");

    private final PrometheusClients clients;
    private final Clock clock;

    /** Used by {@link java.util.ServiceLoader}: every factory shares one pool of clients. */
    public PrometheusScalerFactory() {
        this(PrometheusClients.shared(), Clock.systemUTC());
    }

    PrometheusScalerFactory(PrometheusClients clients, Clock clock) {
        this.clients = clients;
        this.clock = clock;
    }

    @Override
    public String type() {
        return PrometheusTrigger.TYPE;
    }

    /** TLS material that cannot be read is a configuration error naming the parameter, never quoting it. */
    @Override
    public Scaler create(TriggerConfig config) {
        PrometheusTrigger trigger = PrometheusTrigger.parse(config);
        SharedClients.Lease<HttpClient> client;
        try {
            client = clients.acquire(ClientIdentity.of(trigger.parameters(), trigger.auth()));
        } catch (IllegalArgumentException e) {
            throw new ScalerConfigException(config, "error creating the TLS config: " + e.getMessage());
        }
        return new PrometheusScaler(trigger, client, clock);
    }

    @Override
    public List<Class<? extends Record>> parameterTypes() {
        return List.of(PrometheusParameters.class, AuthParameters.class);
    }

    /**
     * Triggers on one server with one credential share one guard: the server's address, {@code unsafeSsl} and every
     * authentication parameter count, wherever they come from; the query, thresholds and headers do not.
     */
    @Override
    public ConnectionKey connectionKey(TriggerConfig config) {
        Map<String, String> identity = new TreeMap<>();
        SERVER_METADATA.forEach(key -> put(identity, "m:" + key, config.metadata().get(key)));
        for (ParameterDescriptor parameter : ParameterBinder.describe(AuthParameters.class)) {
            Stream.concat(Stream.of(parameter.name()), parameter.aliases().stream()).forEach(name -> {
                put(identity, "m:" + name, config.metadata().get(name));
                put(identity, "a:" + name, config.authParams().get(name));
            });
        }
        return new ConnectionKey(PrometheusTrigger.TYPE, identity);
    }

    /** The binder's checks, and what Tide refuses of KEDA's cloud identities and metric types. */
    @Override
    public TriggerCheck validate(TriggerConfig config, Set<Source> unresolved) {
        TriggerCheck check = ParameterChecks.check(config, parameterTypes(), unresolved);
        List<TriggerCheck.Issue> errors = new ArrayList<>(check.errors());
        PrometheusTrigger.refusals(config).forEach(refusal -> errors.add(new TriggerCheck.Issue(null, refusal)));
        return new TriggerCheck(errors, check.warnings());
    }

    /** How many HTTP clients the factories' pool holds now (for tests: triggers on one server share one). */
    int clientCount() {
        return clients.size();
    }

    private static void put(Map<String, String> identity, String key, String value) {
        if (value != null) {
            identity.put(key, value);
        }
    }
}
