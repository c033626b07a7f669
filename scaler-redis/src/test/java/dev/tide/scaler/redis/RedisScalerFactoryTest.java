package dev.tide.scaler.redis;

import static dev.tide.scaler.redis.RedisTriggers.config;
import static dev.tide.scaler.redis.RedisTriggers.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tide.scaler.api.ScalerConfigException;
import dev.tide.scaler.api.ScalerFactory;
import dev.tide.scaler.api.TriggerCheck;
import dev.tide.scaler.api.TriggerConfig;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The six factories as the host sees them: types, connection keys, offline checks and configuration errors. */
class RedisScalerFactoryTest {

    private final RedisFamilyFactory redis = RedisTriggers.factory(Topology.STANDALONE, false, new RedisConnections());

    @Test
    void theServiceLoaderFindsKedasSixTypes() {
        List<String> types = ServiceLoader.load(ScalerFactory.class).stream().map(p -> p.get().type()).toList();

        assertThat(types).containsExactlyInAnyOrder("redis", "redis-cluster", "redis-sentinel", "redis-streams",
                "redis-cluster-streams", "redis-sentinel-streams");
    }

    @Test
    void triggersOnOneServerAndCredentialShareAConnectionKeyWhateverTheirList() {
        TriggerConfig orders = config("redis", map("address", "redis:6379", "listName", "orders"), Map.of("password", "p"));
        TriggerConfig invoices = config("redis", map("address", "redis:6379", "listName", "invoices", "listLength", "9"),
                Map.of("password", "p"));
        TriggerConfig otherPassword = config("redis", map("address", "redis:6379", "listName", "orders"),
                Map.of("password", "q"));
        TriggerConfig otherDatabase = config("redis", map("address", "redis:6379", "listName", "orders",
                "databaseIndex", "2"), Map.of("password", "p"));

        assertThat(redis.connectionKey(orders)).isEqualTo(redis.connectionKey(invoices))
                .isNotEqualTo(redis.connectionKey(otherPassword)).isNotEqualTo(redis.connectionKey(otherDatabase));
        assertThat(redis.connectionKey(orders).toString()).doesNotContain("redis:6379");
    }

    @Test
    void validateReportsEveryProblemWithoutConnecting() {
        TriggerCheck check = redis.validate(config("redis", map("listLength", "x", "enableTLS", "true"),
                Map.of("tls", "enable")), Set.of());

        assertThat(check.errors()).extracting(TriggerCheck.Issue::message).anySatisfy(m -> assertThat(m).contains("listName"))
                .anySatisfy(m -> assertThat(m).contains("listLength"))
                .anySatisfy(m -> assertThat(m).contains(RedisConnectionParameters.NO_ADDRESSES))
                .anySatisfy(m -> assertThat(m).contains(RedisConnectionParameters.TLS_TWICE));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"redis-host-without-port", "[::1]"})
    void anAddressWithoutAPortIsAConfigurationError(String address) {
        assertThatThrownBy(() -> redis.create(config("redis", map("address", address, "listName", "l"), Map.of())))
                .isInstanceOf(ScalerConfigException.class)
                .hasMessage("trigger[0] (redis): connection to redis failed: address \"" + address + "\" has no port "
                        + "(host:port)");
    }

    @Test
    void anEncryptedClientKeyIsRefusedWithoutQuotingIt() {
        TriggerConfig trigger = config("redis", map("address", "127.0.0.1:1", "listName", "l", "enableTLS", "true"),
                Map.of("cert", "c", "key", "k", "keyPassword", "canary-key-password"));

        assertThatThrownBy(() -> redis.create(trigger)).isInstanceOf(ScalerConfigException.class)
                .hasMessageContaining("keyPassword is not supported").hasMessageNotContaining("canary-key-password");
    }

    @Test
    void aUtilizationMetricTypeIsRefusedAsKedaRefusesIt() {
        TriggerConfig trigger = config("redis", map("address", "h:1", "listName", "l"), Map.of()).toBuilder()
                .metricType(dev.tide.scaler.api.MetricTargetType.UTILIZATION).build();

        assertThatThrownBy(() -> redis.create(trigger)).isInstanceOf(ScalerConfigException.class)
                .hasMessageContaining("'Utilization' metric type is unsupported for external metrics");
    }
}
