package dev.tide.scaler.sql;

/** The test kit's contract for {@code postgresql}, against PostgreSQL: see {@link SqlContract}. */
class PostgresqlContractIT extends SqlContract {

    PostgresqlContractIT() {
        super(SqlScalerIT.Backend.POSTGRESQL);
    }
}
