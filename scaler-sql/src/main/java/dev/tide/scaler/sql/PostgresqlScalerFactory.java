package dev.tide.scaler.sql;

import dev.tide.scaler.api.TriggerConfig;
import dev.tide.scaler.api.metrics.MetricNames;
import java.util.List;

/** {@code type: postgresql}: the number a SQL query returns from PostgreSQL, as KEDA's postgresql scaler reads it. */
public final class PostgresqlScalerFactory extends SqlScalerFactory<PostgresqlParameters, PostgresqlConnectionParameters> {

    static final String TYPE = "postgresql";

    /** Used by {@link java.util.ServiceLoader}: every SQL factory shares one set of pools. */
    public PostgresqlScalerFactory() {
        this(SqlPools.shared());
    }

    PostgresqlScalerFactory(SqlPools pools) {
        super(TYPE, PostgresqlParameters.class, PostgresqlConnectionParameters.class, pools);
    }

    /** KEDA's {@code parsePostgreSQLMetadata}: one metric, {@code s<i>-postgresql}. */
    @Override
    SqlTrigger trigger(TriggerConfig config, PostgresqlParameters query, PostgresqlConnectionParameters connection) {
        return new SqlTrigger(config.label(), SqlDialect.POSTGRESQL, query.query(),
                metricSpec(config, MetricNames.withIndex(config.triggerIndex(), TYPE), query.targetQueryValue()),
                query.activationTargetQueryValue(), config.timeout(), connection.connectionString());
    }

    /**
     * KEDA's metric type rule, and Azure workload identity, which KEDA uses to fetch a Microsoft Entra token as the
     * password: Tide has no Azure identity client, so it refuses the trigger rather than connect without a password.
     */
    @Override
    List<String> refusals(TriggerConfig config) {
        List<String> refusals = metricTypeRefusals(config);
        if ("azure-workload".equals(config.podIdentity().provider())) {
            refusals.add("podIdentity azure-workload (a Microsoft Entra token as the PostgreSQL password) is not "
                    + "supported by Tide's postgresql scaler: set password (or connection) from a TriggerAuthentication "
                    + "instead");
        }
        return refusals;
    }
}
