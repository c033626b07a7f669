package dev.tide.scaler.sql;

import dev.tide.scaler.api.TriggerConfig;
import dev.tide.scaler.api.metrics.MetricNames;
import java.util.List;

/** {@code type: mysql}: the number a SQL query returns from MySQL or MariaDB, as KEDA's mysql scaler reads it. */
public final class MysqlScalerFactory extends SqlScalerFactory<MysqlParameters, MysqlConnectionParameters> {

    static final String TYPE = "mysql";

    /** Used by {@link java.util.ServiceLoader}: every SQL factory shares one set of pools. */
    public MysqlScalerFactory() {
        this(SqlPools.shared());
    }

    MysqlScalerFactory(SqlPools pools) {
        super(TYPE, MysqlParameters.class, MysqlConnectionParameters.class, pools);
    }

    /** KEDA's {@code parseMySQLMetadata}: the metric is named after the database, {@code s<i>-mysql-<dbName>}. */
    @Override
    SqlTrigger trigger(TriggerConfig config, MysqlParameters query, MysqlConnectionParameters connection) {
        String metricName = MetricNames.withIndex(config.triggerIndex(), "mysql-" + connection.metricDbName());
        return new SqlTrigger(config.label(), SqlDialect.MYSQL, query.query(),
                metricSpec(config, metricName, query.queryValue()), query.activationQueryValue(), config.timeout(),
                connection.dsn());
    }

    @Override
    List<String> refusals(TriggerConfig config) {
        return metricTypeRefusals(config);
    }
}
