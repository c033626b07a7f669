package dev.tide.scaler.sql;

import dev.tide.scaler.api.ScalerFactory;
import dev.tide.scaler.sql.testing.MariaDbServer;
import java.util.Map;

/** The test kit's contract for {@code mysql}, against MariaDB: see {@link SqlContract}. */
class MysqlContractIT extends SqlContract {

    @Override
    ScalerFactory factory(SqlPools pools) {
        return new MysqlScalerFactory(pools);
    }

    @Override
    Map<String, String> metadata(int port) {
        return Map.of("queryValue", "2", "host", "127.0.0.1", "port", Integer.toString(port),
                "username", MariaDbServer.USER, "dbName", MariaDbServer.DATABASE);
    }

    @Override
    int serverPort() {
        return MariaDbServer.shared().port();
    }

    @Override
    String password() {
        return MariaDbServer.PASSWORD;
    }
}
