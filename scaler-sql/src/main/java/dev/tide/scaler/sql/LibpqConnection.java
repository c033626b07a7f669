package dev.tide.scaler.sql;

import dev.tide.scaler.api.Secret;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A PostgreSQL connection string as KEDA's driver (pgx) reads it, turned into what the JDBC driver takes: either
 * libpq's {@code key=value} form ({@code host=db port=5432 user=app password='a b' dbname=jobs sslmode=require}) or a
 * {@code postgres://} / {@code postgresql://} URL. Keys pgx sends to the server as run-time settings
 * ({@code search_path}, {@code timezone}, …) become {@code -c} options, as pgx sends them in the startup message.
 *
 * <p>Messages name keys, never values: a connection string usually holds a password.
 */
final class LibpqConnection {

    private static final String DEFAULT_PORT = "5432";

    /** libpq's name → pgjdbc's property of the same meaning. */
    private static final Map<String, String> PROPERTIES = Map.of(
            "sslmode", "sslmode",
            "sslrootcert", "sslrootcert",
            "sslcert", "sslcert",
            "sslkey", "sslkey",
            "sslpassword", "sslpassword",
            "application_name", "ApplicationName",
            "connect_timeout", "connectTimeout");

    /** pgx's own settings, about its statement cache and pool: they change nothing about one query's number. */
    private static final Set<String> PGX_ONLY = Set.of("statement_cache_capacity", "description_cache_capacity",
            "default_query_exec_mode", "min_read_buffer_size", "pool_max_conns", "pool_min_conns",
            "pool_max_conn_lifetime", "pool_max_conn_idle_time", "pool_health_check_period");

    private static final Map<String, String> TARGET_SESSION_ATTRS = Map.of("any", "any", "read-write", "primary",
            "primary", "primary", "read-only", "secondary", "standby", "secondary", "prefer-standby", "preferSecondary");

    private LibpqConnection() {
    }

    /** @throws IllegalArgumentException saying what is malformed, without a value */
    static Database parse(String connection) {
        String text = connection.trim();
        Map<String, String> settings = text.startsWith("postgres://") || text.startsWith("postgresql://")
                ? urlSettings(text) : keywordSettings(text);
        return database(settings);
    }

    /** KEDA's {@code escapePostgreConnectionParameter}: quoted when it holds white space, a quote or a backslash. */
    static String escape(String value) {
        if (value.chars().noneMatch(Character::isWhitespace) && value.indexOf('\'') < 0 && value.indexOf('\\') < 0) {
            return value;
        }
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    /** pgx's {@code parseKeywordValueSettings}: {@code key = value} pairs, values quoted with {@code '} or escaped with {@code \}. */
    private static Map<String, String> keywordSettings(String text) {
        Map<String, String> settings = new LinkedHashMap<>();
        int i = 0;
        while (i < text.length()) {
            while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            if (i >= text.length()) {
                break;
            }
            int equals = text.indexOf('=', i);
            if (equals < 0) {
                throw new IllegalArgumentException("invalid connection: a key without \"=\" after position " + i);
            }
            String key = text.substring(i, equals).trim();
            if (key.isEmpty() || key.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("invalid connection: a malformed key before position " + equals);
            }
            i = equals + 1;
            while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            StringBuilder value = new StringBuilder();
            boolean quoted = i < text.length() && text.charAt(i) == '\'';
            if (quoted) {
                i++;
            }
            boolean closed = !quoted;
            for (; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '\\' && i + 1 < text.length()) {
                    value.append(text.charAt(++i));
                } else if (quoted && c == '\'') {
                    closed = true;
                    i++;
                    break;
                } else if (!quoted && Character.isWhitespace(c)) {
                    break;
                } else {
                    value.append(c);
                }
            }
            if (!closed) {
                throw new IllegalArgumentException("invalid connection: unterminated quoted value of \"" + key + "\"");
            }
            settings.put(key, value.toString());
        }
        return settings;
    }

    /** {@code postgres://[user[:password]@][host[:port]][,…][/dbname][?key=value&…]}, percent-decoded. */
    private static Map<String, String> urlSettings(String text) {
        Map<String, String> settings = new LinkedHashMap<>();
        String rest = text.substring(text.indexOf("://") + 3);
        int query = rest.indexOf('?');
        if (query >= 0) {
            for (String pair : rest.substring(query + 1).split("&")) {
                if (!pair.isEmpty()) {
                    int equals = pair.indexOf('=');
                    settings.put(decode(equals < 0 ? pair : pair.substring(0, equals)), equals < 0 ? "" : decode(pair.substring(equals + 1)));
                }
            }
            rest = rest.substring(0, query);
        }
        int slash = rest.indexOf('/');
        if (slash >= 0) {
            put(settings, "dbname", decode(rest.substring(slash + 1)));
            rest = rest.substring(0, slash);
        }
        int at = rest.lastIndexOf('@');
        if (at >= 0) {
            String userInfo = rest.substring(0, at);
            int colon = userInfo.indexOf(':');
            put(settings, "user", decode(colon < 0 ? userInfo : userInfo.substring(0, colon)));
            if (colon >= 0) {
                settings.put("password", decode(userInfo.substring(colon + 1)));
            }
            rest = rest.substring(at + 1);
        }
        List<String> hosts = new ArrayList<>();
        List<String> ports = new ArrayList<>();
        for (String hostPort : rest.split(",")) {
            int colon = hostPort.lastIndexOf(':');
            boolean hasPort = colon >= 0 && hostPort.indexOf(']', colon) < 0;
            hosts.add(hasPort ? hostPort.substring(0, colon) : hostPort);
            ports.add(hasPort ? hostPort.substring(colon + 1) : "");
        }
        if (!rest.isEmpty()) {
            settings.putIfAbsent("host", String.join(",", hosts));
            settings.putIfAbsent("port", String.join(",", ports));
        }
        return settings;
    }

    private static Database database(Map<String, String> settings) {
        Map<String, String> properties = new TreeMap<>();
        List<String> runtimeOptions = new ArrayList<>();
        settings.forEach((key, value) -> {
            if (PROPERTIES.containsKey(key)) {
                properties.put(PROPERTIES.get(key), value);
            } else if (key.equals("target_session_attrs")) {
                String type = TARGET_SESSION_ATTRS.get(value);
                if (type == null) {
                    throw new IllegalArgumentException("invalid connection: unknown target_session_attrs value");
                }
                properties.put("targetServerType", type);
            } else if (key.equals("options")) {
                runtimeOptions.add(0, value);
            } else if (!Set.of("host", "port", "user", "password", "dbname").contains(key) && !PGX_ONLY.contains(key)) {
                // pgx sends every other key to the server as a run-time parameter of the session.
                runtimeOptions.add("-c " + key + "=" + value.replace("\\", "\\\\").replace(" ", "\\ "));
            }
        });
        if (!runtimeOptions.isEmpty()) {
            properties.put("options", String.join(" ", runtimeOptions));
        }
        String url = "jdbc:postgresql://" + hosts(settings.getOrDefault("host", ""), settings.getOrDefault("port", ""))
                + "/" + URLEncoder.encode(settings.getOrDefault("dbname", ""), StandardCharsets.UTF_8);
        return new Database(SqlDialect.POSTGRESQL, url, present(settings.get("user")),
                present(settings.get("password")).map(Secret::of), properties);
    }

    /** {@code host1:port1,host2:port2}; one port applies to every host, as in libpq. */
    private static String hosts(String hostList, String portList) {
        String[] hosts = hostList.isEmpty() ? new String[] {"localhost"} : hostList.split(",", -1);
        String[] ports = portList.isEmpty() ? new String[] {DEFAULT_PORT} : portList.split(",", -1);
        if (ports.length != 1 && ports.length != hosts.length) {
            throw new IllegalArgumentException("invalid connection: " + ports.length + " ports for " + hosts.length + " hosts");
        }
        List<String> addresses = new ArrayList<>();
        for (int i = 0; i < hosts.length; i++) {
            String host = hosts[i].isEmpty() ? "localhost" : hosts[i];
            if (host.startsWith("/")) {
                throw new IllegalArgumentException("invalid connection: host " + host
                        + " is a Unix socket directory; Tide connects to PostgreSQL over TCP only");
            }
            String port = ports.length == 1 ? ports[0] : ports[i];
            port = port.isEmpty() ? DEFAULT_PORT : port;
            if (!port.chars().allMatch(Character::isDigit)) {
                throw new IllegalArgumentException("invalid connection: port \"" + port + "\" is not a number");
            }
            addresses.add((host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port);
        }
        return String.join(",", addresses);
    }

    private static void put(Map<String, String> settings, String key, String value) {
        if (!value.isEmpty()) {
            settings.put(key, value);
        }
    }

    private static Optional<String> present(String value) {
        return Optional.ofNullable(value).filter(text -> !text.isEmpty());
    }

    private static String decode(String text) {
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
