package dev.tide.scaler.redis;

import dev.tide.scaler.api.Secret;
import java.util.List;
import java.util.Optional;

/**
 * What decides a trigger's Redis connection: topology, servers, credentials, TLS identity and database index.
 * Triggers with equal identities share one connection; the list, stream and targets are not part of it. Secrets are
 * {@link Secret}s, so this record never prints them.
 *
 * @param addresses the servers used: the first address alone for the plain types, all for cluster and sentinel
 * @param databaseIndex always 0 for cluster, which has no databases
 */
record ConnectionIdentity(Topology topology, List<String> addresses, Credentials credentials, Tls tls, int databaseIndex) {

    /** The server's and, for sentinel, the sentinels' credentials and the master's name. */
    record Credentials(Optional<String> username, Optional<Secret> password, Optional<String> sentinelMaster,
            Optional<String> sentinelUsername, Optional<Secret> sentinelPassword) {
    }

    /** TLS, when enabled, as KEDA's {@code NewTLSConfigWithPassword} takes it. */
    record Tls(boolean enabled, boolean unsafeSsl, Optional<Secret> cert, Optional<Secret> key,
            Optional<Secret> keyPassword, Optional<Secret> ca) {

        static final Tls DISABLED = new Tls(false, false, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    static ConnectionIdentity of(Topology topology, RedisConnectionParameters parameters) {
        List<String> endpoints = parameters.endpoints();
        List<String> addresses = topology == Topology.STANDALONE ? List.of(endpoints.get(0)) : endpoints;
        Credentials credentials = new Credentials(parameters.username(), parameters.password(),
                topology == Topology.SENTINEL ? parameters.sentinelMaster() : Optional.empty(),
                topology == Topology.SENTINEL ? parameters.sentinelUsername() : Optional.empty(),
                topology == Topology.SENTINEL ? parameters.sentinelPassword() : Optional.empty());
        Tls tls = parameters.tlsEnabled()
                ? new Tls(true, parameters.unsafeSsl(), parameters.cert(), parameters.key(), parameters.keyPassword(),
                        parameters.ca())
                : Tls.DISABLED;
        return new ConnectionIdentity(topology, addresses, credentials, tls,
                topology == Topology.CLUSTER ? 0 : parameters.databaseIndex());
    }
}
