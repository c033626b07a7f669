package dev.tide.scaler.sql;

import dev.tide.scaler.api.ScalerFactory;
import dev.tide.scaler.api.TriggerConfig;
import dev.tide.scaler.testkit.ScalerContractTest;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The plugin contract of the test kit for one SQL type. A SQL scaler pings its server when it is built (as KEDA's
 * does), so the sample trigger reads a real server, and the unreachable source, a closed port on 127.0.0.1, fails the
 * build by name. The canary password is refused by the real server: the kit checks that refusal's message.
 */
abstract class SqlContract extends ScalerContractTest {

    private final SqlPools pools = new SqlPools();

    /** The factory on the given pools. */
    abstract ScalerFactory factory(SqlPools pools);

    /** The trigger's metadata (query, targets, host, user, database) for a server on {@code port}. */
    abstract Map<String, String> metadata(int port);

    /** The port of the real server, started once for the JVM. */
    abstract int serverPort();

    /** The real server's password. */
    abstract String password();

    @Override
    protected ScalerFactory factory() {
        return factory(pools);
    }

    @Override
    protected TriggerConfig sampleTrigger() {
        return trigger(serverPort());
    }

    @Override
    protected Optional<TriggerConfig> unreachableTrigger() {
        return Optional.of(trigger(1));
    }

    @Override
    protected OptionalInt openClients() {
        return OptionalInt.of(pools.size());
    }

    private TriggerConfig trigger(int port) {
        Map<String, String> metadata = new HashMap<>(metadata(port));
        metadata.put("query", "SELECT count(*) FROM jobs");
        return TriggerConfig.builder(factory().type()).metadata(metadata).authParams(Map.of("password", password()))
                .timeout(Duration.ofSeconds(2)).build();
    }
}
