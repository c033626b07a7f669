package dev.tide.scaler.sql;

import dev.tide.scaler.api.params.Param;

/**
 * The query of a {@code postgresql} trigger and its targets, as KEDA's {@code postgreSQLMetadata} declares them (where
 * to connect is {@link PostgresqlConnectionParameters}).
 */
record PostgresqlParameters(
        @Param(description = "SQL query whose single cell (first row, one column) is the metric value")
        String query,

        @Param(defaultValue = "0", description = "target value per replica (AverageValue) or in total (Value); "
                + "required, and not 0")
        double targetQueryValue,

        @Param(defaultValue = "0", description = "the trigger is active while the value is above this")
        double activationTargetQueryValue) {

    /** KEDA refuses a missing or zero target unless the trigger only feeds scalingModifiers (which the SPI cannot tell). */
    PostgresqlParameters {
        if (targetQueryValue == 0) {
            throw new IllegalArgumentException("no targetQueryValue given");
        }
    }
}
