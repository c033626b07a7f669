package dev.tide.scaler.sql;

import dev.tide.scaler.api.Secret;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A MySQL connection string in the Go driver's DSN format, as KEDA reads it
 * ({@code [user[:password]@][tcp[(host:port)]]/dbname[?param=value&…]}), turned into what MariaDB's JDBC driver takes.
 * As in the Go driver, parameters it does not know are session variables set on every connection.
 *
 * <p>Messages follow the Go driver's ({@code invalid DSN: …}) and never quote the string: it may hold a password.
 */
final class MysqlDsn {

    /**
     * Go driver parameters about how values are decoded or buffered, and its dial and read timeouts (the trigger's
     * timeout bounds connecting and reading here): one number reads the same without them.
     */
    private static final Set<String> NOT_NEEDED = Set.of("timeout", "readTimeout", "charset", "collation", "parseTime", "loc", "time_zone_name",
            "allowNativePasswords", "allowOldPasswords", "allowCleartextPasswords", "allowFallbackToPlaintext",
            "allowAllFiles", "interpolateParams", "columnsWithAlias", "clientFoundRows", "multiStatements",
            "maxAllowedPacket", "rejectReadOnly", "checkConnLiveness", "writeTimeout", "serverPubKey",
            "connectionAttributes");

    private MysqlDsn() {
    }

    /** {@code user:password@tcp(host:port)/dbname}, the Go driver's {@code Config.FormatDSN} for these parts (KEDA's). */
    static String format(String user, String password, String host, String port, String dbName) {
        StringBuilder dsn = new StringBuilder();
        if (!user.isEmpty() || !password.isEmpty()) {
            dsn.append(user);
            if (!password.isEmpty()) {
                dsn.append(':').append(password);
            }
            dsn.append('@');
        }
        String address = (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        return dsn.append("tcp(").append(address).append(")/").append(dbName).toString();
    }

    /** @throws IllegalArgumentException in the Go driver's words, without the string */
    static Database parse(String dsn) {
        int slash = dsn.lastIndexOf('/', queryStart(dsn));
        if (slash < 0) {
            throw new IllegalArgumentException("invalid DSN: missing the slash separating the database name");
        }
        String head = dsn.substring(0, slash);
        Optional<String> user = Optional.empty();
        Optional<Secret> password = Optional.empty();
        int at = head.lastIndexOf('@');
        if (at >= 0) {
            String userInfo = head.substring(0, at);
            int colon = userInfo.indexOf(':');
            user = Optional.of(colon < 0 ? userInfo : userInfo.substring(0, colon)).filter(text -> !text.isEmpty());
            password = colon < 0 ? Optional.empty() : Optional.of(Secret.of(userInfo.substring(colon + 1)));
            head = head.substring(at + 1);
        }
        String address = address(head);
        String rest = dsn.substring(slash + 1);
        int query = rest.indexOf('?');
        String dbName = URLDecoder.decode((query < 0 ? rest : rest.substring(0, query)).replace("+", "%2B"), StandardCharsets.UTF_8);
        Map<String, String> properties = query < 0 ? Map.of() : properties(rest.substring(query + 1));
        return new Database(SqlDialect.MYSQL, "jdbc:mariadb://" + address + "/" + dbName, user, password, properties);
    }

    /** The DSN's parameters start at the first {@code ?} after the last slash; a password may hold either. */
    private static int queryStart(String dsn) {
        int slash = dsn.lastIndexOf('/');
        int query = slash < 0 ? -1 : dsn.indexOf('?', slash);
        return query < 0 ? dsn.length() : query;
    }

    /** {@code tcp(host:port)}, {@code tcp}, or nothing: 127.0.0.1:3306 and port 3306 by default, as the Go driver. */
    private static String address(String netAddress) {
        int open = netAddress.indexOf('(');
        String net = open < 0 ? netAddress : netAddress.substring(0, open);
        String address = "";
        if (open >= 0) {
            if (!netAddress.endsWith(")")) {
                throw new IllegalArgumentException("invalid DSN: did you forget to escape a param value?");
            }
            address = netAddress.substring(open + 1, netAddress.length() - 1);
        }
        if (!net.isEmpty() && !net.equals("tcp") && !net.equals("tcp4") && !net.equals("tcp6")) {
            throw new IllegalArgumentException("invalid DSN: network \"" + net + "\" is not supported; Tide connects to "
                    + "MySQL over TCP only");
        }
        if (address.isEmpty()) {
            return "127.0.0.1:3306";
        }
        int colon = address.lastIndexOf(':');
        String host = colon < 0 ? address : address.substring(0, colon);
        String port = colon < 0 || colon == address.length() - 1 ? "3306" : address.substring(colon + 1);
        host = host.isEmpty() ? "localhost" : host;
        if (!port.chars().allMatch(Character::isDigit) || host.contains("/")) {
            throw new IllegalArgumentException("invalid DSN: the address in tcp(...) must be host:port");
        }
        return host + ":" + port;
    }

    private static Map<String, String> properties(String query) {
        Map<String, String> properties = new TreeMap<>();
        List<String> sessionVariables = new ArrayList<>();
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            if (pair.isEmpty()) {
                continue;
            }
            if (equals < 0) {
                throw new IllegalArgumentException("invalid DSN: parameter without a value");
            }
            String key = pair.substring(0, equals);
            String value = URLDecoder.decode(pair.substring(equals + 1).replace("+", "%2B"), StandardCharsets.UTF_8);
            switch (key) {
                case "tls" -> properties.put("sslMode", switch (value) {
                    case "true" -> "verify-full";
                    case "skip-verify", "preferred" -> "trust";
                    case "false" -> "disable";
                    default -> throw new IllegalArgumentException("invalid DSN: tls=" + value
                            + " names a TLS config registered in Go code; use true, skip-verify, preferred or false");
                });
                default -> {
                    if (!NOT_NEEDED.contains(key)) {
                        sessionVariables.add(key + "=" + value);
                    }
                }
            }
        }
        if (!sessionVariables.isEmpty()) {
            properties.put("sessionVariables", String.join(",", sessionVariables));
        }
        return properties;
    }
}
