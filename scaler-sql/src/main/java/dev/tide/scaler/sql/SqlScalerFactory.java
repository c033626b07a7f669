package dev.tide.scaler.sql;

import com.zaxxer.hikari.HikariDataSource;
import dev.tide.scaler.api.ConnectionKey;
import dev.tide.scaler.api.MetricSpec;
import dev.tide.scaler.api.MetricTargetType;
import dev.tide.scaler.api.MilliValue;
import dev.tide.scaler.api.Scaler;
import dev.tide.scaler.api.ScalerConfigException;
import dev.tide.scaler.api.ScalerException;
import dev.tide.scaler.api.ScalerFactory;
import dev.tide.scaler.api.TriggerCheck;
import dev.tide.scaler.api.TriggerConfig;
import dev.tide.scaler.api.clients.SharedClients;
import dev.tide.scaler.api.params.ParameterBinder;
import dev.tide.scaler.api.params.ParameterChecks;
import dev.tide.scaler.api.params.Source;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What both SQL trigger types do alike: bind a query record and a connection record, build on a shared pool with a
 * ping, name the pool as the connection key, and validate. A subclass says what its bound records make
 * ({@link #trigger}) and what it refuses ({@link #refusals}).
 *
 * @param <Q> the query and its targets
 * @param <C> where to connect
 */
abstract class SqlScalerFactory<Q extends Record, C extends Record> implements ScalerFactory {

    private final String type;
    private final Class<Q> queryType;
    private final Class<C> connectionType;
    private final SqlPools pools;

    SqlScalerFactory(String type, Class<Q> queryType, Class<C> connectionType, SqlPools pools) {
        this.type = type;
        this.queryType = queryType;
        this.connectionType = connectionType;
        this.pools = pools;
    }

    @Override
    public final String type() {
        return type;
    }

    @Override
    public final List<Class<? extends Record>> parameterTypes() {
        return List.of(queryType, connectionType);
    }

    /** KEDA's {@code parse…Metadata}. @throws ScalerConfigException naming the trigger and every problem */
    final SqlTrigger parse(TriggerConfig config) {
        List<String> problems = new ArrayList<>(refusals(config));
        Q query = bind(config, queryType, problems);
        C connection = bind(config, connectionType, problems);
        if (!problems.isEmpty()) {
            throw new ScalerConfigException(config.label(), problems);
        }
        return trigger(config, query, connection);
    }

    /** The trigger the bound records describe. */
    abstract SqlTrigger trigger(TriggerConfig config, Q query, C connection);

    /** What is refused before any parameter is bound. */
    abstract List<String> refusals(TriggerConfig config);

    /**
     * KEDA's {@code New…Scaler} after parsing: open (or share) the pool and ping the server, so a wrong password or an
     * unreachable server fails the build with the driver's reason.
     *
     * @throws ScalerConfigException when the connection string cannot be parsed
     * @throws dev.tide.scaler.api.ScalerException when the server cannot be reached or refuses the credential
     */
    @Override
    public final Scaler create(TriggerConfig config) {
        SqlTrigger trigger = parse(config);
        Database database;
        try {
            database = trigger.database();
        } catch (IllegalArgumentException e) {
            throw new ScalerConfigException(config, trigger.dialect().connectFailure() + ": " + e.getMessage());
        }
        SharedClients.Lease<HikariDataSource> pool;
        try {
            pool = pools.acquire(database);
        } catch (RuntimeException e) {
            throw new ScalerException(config.label() + ": " + trigger.dialect().connectFailure() + ": "
                    + SqlScaler.describe(e), e);
        }
        SqlScaler scaler = new SqlScaler(trigger, pool);
        try {
            scaler.ping();
        } catch (RuntimeException e) {
            scaler.close();
            throw e;
        }
        return scaler;
    }

    /**
     * Triggers on one database with one credential share one pool and one guard: the parsed connection counts (server,
     * database, user, password, driver settings), the query and targets do not. A trigger that does not parse shares
     * with nothing.
     */
    @Override
    public final ConnectionKey connectionKey(TriggerConfig config) {
        try {
            return new ConnectionKey(config.type(), parse(config).database().identity());
        } catch (RuntimeException e) {
            return ConnectionKey.ofAllInputs(config);
        }
    }

    /** The binder's checks and {@link #refusals}. */
    @Override
    public final TriggerCheck validate(TriggerConfig config, Set<Source> unresolved) {
        TriggerCheck check = ParameterChecks.check(config, parameterTypes(), unresolved);
        List<TriggerCheck.Issue> errors = new ArrayList<>(check.errors());
        refusals(config).forEach(refusal -> errors.add(new TriggerCheck.Issue(null, refusal)));
        return new TriggerCheck(errors, check.warnings());
    }

    /** How many pools are open now (for tests: triggers on one database share one). */
    int poolCount() {
        return pools.size();
    }

    /** Binds {@code type}, adding its problems to {@code problems}; null when it could not be bound. */
    private static <R extends Record> R bind(TriggerConfig config, Class<R> type, List<String> problems) {
        try {
            return ParameterBinder.bind(config, type);
        } catch (ScalerConfigException e) {
            problems.addAll(e.problems());
            return null;
        }
    }

    static MetricSpec metricSpec(TriggerConfig config, String metricName, double target) {
        return new MetricSpec(metricName, config.metricType().orElse(MetricTargetType.AVERAGE_VALUE), MilliValue.of(target));
    }

    /** KEDA's metric type rule, which every SQL trigger shares. */
    static List<String> metricTypeRefusals(TriggerConfig config) {
        List<String> refusals = new ArrayList<>();
        if (config.metricType().orElse(MetricTargetType.AVERAGE_VALUE) == MetricTargetType.UTILIZATION) {
            refusals.add("error getting scaler metric type: 'Utilization' metric type is unsupported for external "
                    + "metrics, allowed values are 'Value' or 'AverageValue'");
        }
        return refusals;
    }
}
