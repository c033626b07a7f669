package dev.tide.scaler.redis;

import dev.tide.scaler.api.ConnectionKey;
import dev.tide.scaler.api.Scaler;
import dev.tide.scaler.api.ScalerConfigException;
import dev.tide.scaler.api.ScalerFactory;
import dev.tide.scaler.api.TriggerConfig;
import dev.tide.scaler.api.params.ParameterBinder;
import dev.tide.scaler.api.params.ParameterDescriptor;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What the six redis-family factories share: the type from the topology and kind, the parameters, the connection key
 * and building a scaler on a shared connection. KEDA builds all six from two constructors with {@code isClustered} and
 * {@code isSentinel}; the ServiceLoader needs a class per type, so each is a one-line subclass.
 */
abstract class RedisFamilyFactory implements ScalerFactory {

    /** Every metadata key that names the server or the credential, with its {@code FromEnv} form. */
    private static final Set<String> CONNECTION_METADATA = ParameterBinder.describe(RedisConnectionParameters.class)
            .stream().flatMap(RedisFamilyFactory::names).flatMap(name -> Stream.of(name, name + "FromEnv"))
            .collect(Collectors.toUnmodifiableSet());

    private final Topology topology;
    private final boolean streams;
    private final RedisConnections connections;

    RedisFamilyFactory(Topology topology, boolean streams, RedisConnections connections) {
        this.topology = topology;
        this.streams = streams;
        this.connections = connections;
    }

    @Override
    public final String type() {
        return topology.type(streams);
    }

    /**
     * @throws ScalerConfigException when a parameter is wrong, an address has no port or the TLS material cannot be
     *     used
     * @throws dev.tide.scaler.api.ScalerException when the server cannot be reached or refuses the credentials
     */
    @Override
    public final Scaler create(TriggerConfig config) {
        try {
            if (streams) {
                RedisTrigger<RedisStreamsParameters> trigger = RedisTrigger.parse(config, topology, RedisStreamsParameters.class);
                return new RedisStreamsScaler(trigger, RedisReader.open(connections, trigger));
            }
            RedisTrigger<RedisListParameters> trigger = RedisTrigger.parse(config, topology, RedisListParameters.class);
            return new RedisListScaler(trigger, RedisReader.open(connections, trigger));
        } catch (IllegalArgumentException e) {
            throw new ScalerConfigException(config, topology.connectionFailure() + ": " + e.getMessage());
        }
    }

    @Override
    public final List<Class<? extends Record>> parameterTypes() {
        return List.of(streams ? RedisStreamsParameters.class : RedisListParameters.class, RedisConnectionParameters.class);
    }

    /**
     * Triggers on one server with one credential share one guard: the connection's metadata (addresses, user,
     * password, TLS, database) and every auth parameter count; the list, stream and targets do not.
     */
    @Override
    public final ConnectionKey connectionKey(TriggerConfig config) {
        return ConnectionKey.of(config, CONNECTION_METADATA);
    }

    /** How many connections the factories' pool holds now (for tests: triggers on one server share one). */
    final int connectionCount() {
        return connections.size();
    }

    private static Stream<String> names(ParameterDescriptor parameter) {
        return Stream.concat(Stream.of(parameter.name()), parameter.aliases().stream());
    }
}
