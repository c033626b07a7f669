package dev.tide.scaler.sql;

/** The test kit's contract for {@code mysql}, against MariaDB: see {@link SqlContract}. */
class MysqlContractIT extends SqlContract {

    MysqlContractIT() {
        super(SqlScalerIT.Backend.MYSQL);
    }
}
