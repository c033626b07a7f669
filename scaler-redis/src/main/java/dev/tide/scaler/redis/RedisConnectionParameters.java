package dev.tide.scaler.redis;

import static dev.tide.scaler.api.params.Source.AUTH_PARAMS;
import static dev.tide.scaler.api.params.Source.RESOLVED_ENV;
import static dev.tide.scaler.api.params.Source.TRIGGER_METADATA;

import dev.tide.scaler.api.Secret;
import dev.tide.scaler.api.params.Param;
import dev.tide.scaler.api.params.ParameterValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How a redis-family trigger reaches its server, as KEDA's {@code redisConnectionInfo} and the {@code enableTLS},
 * {@code tls} and {@code databaseIndex} fields of its metadata declare them (names, sources in KEDA's order, defaults).
 * The compact constructor is KEDA's {@code Validate}: addresses from {@code address} or {@code host}/{@code port},
 * and {@code enableTLS} or {@code tls}, not both. Unlike KEDA, every problem is reported at once.
 */
record RedisConnectionParameters(
        @Param(name = "address", aliases = "addresses", order = {TRIGGER_METADATA, AUTH_PARAMS, RESOLVED_ENV},
                optional = true, description = "`host:port`, or a comma-separated list of them (cluster nodes, or "
                + "sentinels); the plain types use the first")
        List<String> addresses,

        @Param(name = "host", aliases = "hosts", order = {TRIGGER_METADATA, RESOLVED_ENV, AUTH_PARAMS}, optional = true,
                description = "host names, comma-separated, paired with `port` instead of `address`")
        List<String> hosts,

        @Param(name = "port", aliases = "ports", order = {TRIGGER_METADATA, RESOLVED_ENV, AUTH_PARAMS}, optional = true,
                description = "ports, comma-separated, one per `host`")
        List<String> ports,

        @Param(order = {TRIGGER_METADATA, RESOLVED_ENV, AUTH_PARAMS}, description = "ACL user name (Redis 6+)")
        Optional<String> username,

        @Param(order = {TRIGGER_METADATA, RESOLVED_ENV, AUTH_PARAMS}, description = "the server's password")
        Optional<Secret> password,

        @Param(order = {TRIGGER_METADATA, AUTH_PARAMS, RESOLVED_ENV}, description = "sentinel types: the name of "
                + "the monitored master")
        Optional<String> sentinelMaster,

        @Param(order = {TRIGGER_METADATA, AUTH_PARAMS, RESOLVED_ENV}, description = "sentinel types: the "
                + "sentinels' ACL user name")
        Optional<String> sentinelUsername,

        @Param(order = {TRIGGER_METADATA, AUTH_PARAMS, RESOLVED_ENV}, description = "sentinel types: the "
                + "sentinels' password")
        Optional<Secret> sentinelPassword,

        @Param(name = "enableTLS", description = "connect with TLS; set it here or `tls` in the "
                + "TriggerAuthentication, not both")
        Optional<Boolean> enableTls,

        @Param(name = "tls", order = AUTH_PARAMS, description = "`enable` or `disable` TLS, from the "
                + "TriggerAuthentication")
        Optional<TlsSwitch> tls,

        @Param(defaultValue = "false", description = "with TLS, do not verify the server's certificate")
        boolean unsafeSsl,

        @Param(name = "cert", aliases = "Cert", order = AUTH_PARAMS, description = "PEM client certificate for TLS")
        Optional<Secret> cert,

        @Param(order = AUTH_PARAMS, description = "PEM private key of `cert`, PKCS#8 or PKCS#1 RSA")
        Optional<Secret> key,

        @Param(order = AUTH_PARAMS, description = "password of an encrypted `key`; Tide refuses it (see "
                + "docs/compatibility.md)")
        Optional<Secret> keyPassword,

        @Param(order = AUTH_PARAMS, description = "PEM CA certificate the server's certificate must chain to, "
                + "besides the system's")
        Optional<Secret> ca,

        @Param(defaultValue = "0", min = 0, description = "the database to read (not for cluster types)")
        int databaseIndex) {

    /** KEDA's {@code ErrRedisNoAddresses}. */
    static final String NO_ADDRESSES = "no addresses or hosts given. address should be a comma separated list of "
            + "host:port or set the host/port values";
    /** KEDA's {@code ErrRedisUnequalHostsAndPorts}. */
    static final String UNEQUAL_HOSTS_AND_PORTS = "not enough hosts or ports given. number of hosts should be equal "
            + "to the number of ports";
    static final String TLS_TWICE = "unable to set `tls` in both ScaledObject and TriggerAuthentication together";

    /** The TriggerAuthentication's {@code tls} values. */
    enum TlsSwitch implements ParameterValue {
        ENABLE, DISABLE;

        @Override
        public String parameterValue() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    RedisConnectionParameters {
        List<String> problems = new ArrayList<>();
        if (!hosts.isEmpty() && !ports.isEmpty() && hosts.size() != ports.size()) {
            problems.add(UNEQUAL_HOSTS_AND_PORTS);
        } else if (endpoints(addresses, hosts, ports).isEmpty()) {
            problems.add(NO_ADDRESSES);
        }
        if (enableTls.isPresent() && tls.isPresent()) {
            problems.add(TLS_TWICE);
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }

    /** KEDA's addresses after {@code validateRedisAddress}: {@code address} entries, then each {@code host:port}. */
    List<String> endpoints() {
        return endpoints(addresses, hosts, ports);
    }

    /** KEDA's {@code SetEnableTLS}: {@code enableTLS} from the metadata, else {@code tls} from the authentication. */
    boolean tlsEnabled() {
        return enableTls.orElseGet(() -> tls.map(value -> value == TlsSwitch.ENABLE).orElse(false));
    }

    private static List<String> endpoints(List<String> addresses, List<String> hosts, List<String> ports) {
        List<String> endpoints = new ArrayList<>(addresses);
        if (!hosts.isEmpty() && hosts.size() == ports.size()) {
            for (int i = 0; i < hosts.size(); i++) {
                String host = hosts.get(i);
                endpoints.add((host.contains(":") ? "[" + host + "]" : host) + ":" + ports.get(i));
            }
        }
        return List.copyOf(endpoints);
    }
}
