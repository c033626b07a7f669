package dev.tide.scaler.rabbitmq;

import dev.tide.scaler.api.ConnectionKey;
import dev.tide.scaler.api.Scaler;
import dev.tide.scaler.api.ScalerConfigException;
import dev.tide.scaler.api.ScalerFactory;
import dev.tide.scaler.api.TriggerCheck;
import dev.tide.scaler.api.TriggerConfig;
import dev.tide.scaler.api.clients.SharedClients;
import dev.tide.scaler.api.params.ParameterChecks;
import dev.tide.scaler.api.params.Source;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** {@code type: rabbitmq}: a queue's length or message rates, as KEDA's rabbitmq scaler reads them. */
public final class RabbitMqScalerFactory implements ScalerFactory {

    /** The metadata that names the server and how to reach it; the queue, mode and targets are not part of it. */
    private static final Set<String> SERVER_METADATA = Set.of("host", "hostFromEnv", "protocol", "vhostName", "unsafeSsl");

    private final HttpClients httpClients;
    private final AmqpConnections amqpConnections;

    /** Used by {@link java.util.ServiceLoader}: every factory shares one pool of clients and connections. */
    public RabbitMqScalerFactory() {
        this(HttpClients.shared(), AmqpConnections.shared());
    }

    RabbitMqScalerFactory(HttpClients httpClients, AmqpConnections amqpConnections) {
        this.httpClients = httpClients;
        this.amqpConnections = amqpConnections;
    }

    @Override
    public String type() {
        return RabbitMqTrigger.TYPE;
    }

    /** No connection is made here: the first read connects, so a server that is down fails reads, not the object. */
    @Override
    public Scaler create(TriggerConfig config) {
        RabbitMqTrigger trigger = RabbitMqTrigger.parse(config);
        try {
            if (trigger.http()) {
                ManagementApi api = new ManagementApi(trigger);
                SharedClients.Lease<HttpClient> client = httpClients.acquire(HttpClients.Identity.of(trigger));
                return new RabbitMqScaler(trigger, new RabbitMqScaler.Source() {
                    @Override
                    public QueueStatus read() throws ManagementApi.ReadException {
                        return api.read(client.client(), trigger.timeout());
                    }

                    @Override
                    public void close() {
                        client.close();
                    }
                });
            }
            AmqpEndpoint endpoint = AmqpEndpoint.of(trigger);
            endpoint.tls().sslContext();
            SharedClients.Lease<AmqpConnection> connection = amqpConnections.acquire(endpoint, trigger.connectionName());
            return new RabbitMqScaler(trigger, new RabbitMqScaler.Source() {
                @Override
                public QueueStatus read() throws ManagementApi.ReadException {
                    return new QueueStatus(connection.client().readyMessages(trigger.parameters().queueName(),
                            trigger.timeout()), 0, 0);
                }

                @Override
                public void close() {
                    connection.close();
                }
            });
        } catch (IllegalArgumentException e) {
            throw new ScalerConfigException(config, "error creating the TLS config or parsing the host: " + e.getMessage());
        }
    }

    @Override
    public List<Class<? extends Record>> parameterTypes() {
        return List.of(RabbitMqParameters.class, RabbitMqAuth.class);
    }

    /** Triggers on one server with one credential share one guard: the queue, mode and targets do not count. */
    @Override
    public ConnectionKey connectionKey(TriggerConfig config) {
        return ConnectionKey.of(config, SERVER_METADATA);
    }

    /** The binder's checks and KEDA's rules across parameters, in its words. */
    @Override
    public TriggerCheck validate(TriggerConfig config, Set<Source> unresolved) {
        TriggerCheck check = ParameterChecks.check(config, parameterTypes(), unresolved);
        if (!check.errors().isEmpty() || !unresolved.isEmpty() && needsUnresolved(config)) {
            return check;
        }
        List<TriggerCheck.Issue> errors = new ArrayList<>(check.errors());
        try {
            RabbitMqTrigger.parse(config);
        } catch (ScalerConfigException e) {
            e.problems().forEach(problem -> errors.add(new TriggerCheck.Issue(null, problem)));
        }
        return new TriggerCheck(errors, check.warnings());
    }

    /** Offline, the host may come from the TriggerAuthentication or the environment: the rules across it wait. */
    private static boolean needsUnresolved(TriggerConfig config) {
        return !config.metadata().containsKey("host");
    }

    int httpClientCount() {
        return httpClients.size();
    }

    int amqpConnectionCount() {
        return amqpConnections.size();
    }
}
