package dev.tide.scaler.sql;

import dev.tide.scaler.api.ScalerFactory;
import dev.tide.scaler.sql.testing.PostgresServer;
import java.util.Map;

/** The test kit's contract for {@code postgresql}, against PostgreSQL: see {@link SqlContract}. */
class PostgresqlContractIT extends SqlContract {

    @Override
    ScalerFactory factory(SqlPools pools) {
        return new PostgresqlScalerFactory(pools);
    }

    @Override
    Map<String, String> metadata(int port) {
        return Map.of("targetQueryValue", "2", "host", "127.0.0.1", "port", Integer.toString(port),
                "userName", PostgresServer.USER, "dbName", PostgresServer.DATABASE, "sslmode", "disable");
    }

    @Override
    int serverPort() {
        return PostgresServer.shared().port();
    }

    @Override
    String password() {
        return PostgresServer.PASSWORD;
    }
}
