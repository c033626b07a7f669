package dev.tide.scaler.sql;

import dev.tide.scaler.api.params.Param;
import java.util.Optional;

/**
 * The query of a {@code mysql} trigger and its targets, as KEDA's {@code mySQLMetadata} declares them (where to connect
 * is {@link MysqlConnectionParameters}).
 */
record MysqlParameters(
        @Param(description = "SQL query whose single cell (first row, one column) is the metric value")
        String query,

        @Param(description = "target value per replica (AverageValue) or in total (Value)")
        double queryValue,

        @Param(defaultValue = "0", description = "the trigger is active while the value is above this")
        double activationQueryValue,

        @Param(description = "accepted and ignored, as in KEDA: the metric is named `mysql-<dbName>`")
        Optional<String> metricName) {
}
