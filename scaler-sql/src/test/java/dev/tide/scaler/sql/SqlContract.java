package dev.tide.scaler.sql;

import dev.tide.scaler.api.ScalerFactory;
import dev.tide.scaler.api.TriggerConfig;
import dev.tide.scaler.sql.SqlScalerIT.Backend;
import dev.tide.scaler.testkit.ScalerContractTest;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The plugin contract of the test kit for one SQL type. A SQL scaler pings its server when it is built (as KEDA's
 * does), so the sample trigger reads the real server {@link SqlScalerIT} uses (started once for the JVM), and the
 * unreachable source, a closed port on 127.0.0.1, fails the build by name. The canary password is refused by the real
 * server: the kit checks that refusal's message.
 */
abstract class SqlContract extends ScalerContractTest {

    private final SqlPools pools = new SqlPools();
    private final Backend backend;

    SqlContract(Backend backend) {
        this.backend = backend;
    }

    @Override
    protected ScalerFactory factory() {
        return backend.factory(pools);
    }

    @Override
    protected TriggerConfig sampleTrigger() {
        return backend.trigger("SELECT count(*) FROM jobs", backend.password(), Duration.ofSeconds(2));
    }

    @Override
    protected Optional<TriggerConfig> unreachableTrigger() {
        TriggerConfig reachable = sampleTrigger();
        Map<String, String> metadata = new HashMap<>(reachable.metadata());
        metadata.put("port", "1");
        return Optional.of(reachable.toBuilder().metadata(metadata).build());
    }

    @Override
    protected OptionalInt openClients() {
        return OptionalInt.of(pools.size());
    }
}
