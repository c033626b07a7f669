package dev.tide.scaler.redis;

import dev.tide.scaler.api.Secret;
import dev.tide.scaler.api.clients.PemMaterial;
import dev.tide.scaler.api.clients.UnsafeSsl;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.SslOptions;
import io.lettuce.core.SslVerifyMode;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.protocol.ProtocolVersion;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.KeyManager;
import javax.net.ssl.TrustManager;

/**
 * Builds the Lettuce client of a {@link ConnectionIdentity}: URIs with credentials, TLS and database, and options
 * that fail a command at once while disconnected (Lettuce would otherwise queue it until it reconnects; a cluster's
 * node connections queue, see {@link #create}) and speak
 * RESP2, whose replies (XINFO GROUPS) read the same on every server version. Every client shares one set of event
 * loops, so a thousand identities do not start a thousand thread pools.
 */
final class LettuceClients {

    /** Commands a cluster node connection holds while it (re)connects; beyond this they fail at once. */
    private static final int CLUSTER_QUEUE = 10_000;

    private LettuceClients() {
    }

    /** Created on first use, never shut down: its threads are daemons and shared by every client of this plugin. */
    private static final class Resources {
        private static final ClientResources SHARED = DefaultClientResources.create();
    }

    /**
     * @throws IllegalArgumentException when an address has no port or the TLS material cannot be used; the message
     *     quotes no secret
     */
    static AbstractRedisClient create(ConnectionIdentity identity, Duration timeout) {
        List<RedisURI> uris = identity.addresses().stream().map(address -> uri(identity, address, timeout)).toList();
        SocketOptions socket = SocketOptions.builder().connectTimeout(timeout).build();
        Optional<SslOptions> ssl = sslOptions(identity.tls());
        if (identity.topology() == Topology.CLUSTER) {
            // A cluster connection opens its node connections on first use: rejecting commands while one is still
            // connecting would fail the first read of every slot. They wait instead, within the reader's timeout, in
            // a bounded queue.
            ClusterClientOptions.Builder options = ClusterClientOptions.builder()
                    .requestQueueSize(CLUSTER_QUEUE).protocolVersion(ProtocolVersion.RESP2).socketOptions(socket);
            ssl.ifPresent(options::sslOptions);
            RedisClusterClient client = RedisClusterClient.create(Resources.SHARED, uris);
            client.setOptions(options.build());
            return client;
        }
        ClientOptions.Builder options = ClientOptions.builder()
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .protocolVersion(ProtocolVersion.RESP2).socketOptions(socket);
        ssl.ifPresent(options::sslOptions);
        RedisURI uri = identity.topology() == Topology.SENTINEL ? sentinelUri(identity, uris, timeout) : uris.get(0);
        RedisClient client = RedisClient.create(Resources.SHARED, uri);
        client.setOptions(options.build());
        return client;
    }

    /** The URI of one server: its credentials, database and TLS. */
    private static RedisURI uri(ConnectionIdentity identity, String address, Duration timeout) {
        HostPort hostPort = HostPort.parse(address);
        RedisURI.Builder builder = RedisURI.builder().withHost(hostPort.host()).withPort(hostPort.port())
                .withTimeout(timeout);
        if (identity.topology() != Topology.SENTINEL) {
            credentials(builder, identity.credentials().username(), identity.credentials().password());
            builder.withDatabase(identity.databaseIndex());
            tls(builder, identity.tls());
        }
        return builder.build();
    }

    /** The master's URI found through the sentinels, each with the sentinels' own credentials. */
    private static RedisURI sentinelUri(ConnectionIdentity identity, List<RedisURI> sentinels, Duration timeout) {
        ConnectionIdentity.Credentials credentials = identity.credentials();
        RedisURI.Builder builder = RedisURI.builder().withSentinelMasterId(credentials.sentinelMaster().orElse(""))
                .withDatabase(identity.databaseIndex()).withTimeout(timeout);
        credentials(builder, credentials.username(), credentials.password());
        tls(builder, identity.tls());
        for (RedisURI sentinel : sentinels) {
            RedisURI.Builder node = RedisURI.builder().withHost(sentinel.getHost()).withPort(sentinel.getPort())
                    .withTimeout(timeout);
            credentials(node, credentials.sentinelUsername(), credentials.sentinelPassword());
            tls(node, identity.tls());
            builder.withSentinel(node.build());
        }
        return builder.build();
    }

    private static void credentials(RedisURI.Builder builder, Optional<String> username, Optional<Secret> password) {
        if (password.isPresent()) {
            if (username.isPresent()) {
                builder.withAuthentication(username.get(), password.get().reveal());
            } else {
                builder.withPassword(password.get().reveal().toCharArray());
            }
        } else if (username.isPresent()) {
            builder.withAuthentication(username.get(), "");
        }
    }

    /** Go verifies the certificate and the host name unless {@code unsafeSsl}. */
    private static void tls(RedisURI.Builder builder, ConnectionIdentity.Tls tls) {
        if (tls.enabled()) {
            builder.withSsl(true).withVerifyPeer(tls.unsafeSsl() ? SslVerifyMode.NONE : SslVerifyMode.FULL);
        }
    }

    /** KEDA's {@code NewTLSConfigWithPassword}: a client certificate with its key, a CA besides the system's. */
    private static Optional<SslOptions> sslOptions(ConnectionIdentity.Tls tls) {
        if (!tls.enabled()) {
            return Optional.empty();
        }
        if (tls.keyPassword().isPresent()) {
            throw new IllegalArgumentException("keyPassword is not supported: give key as an unencrypted PEM key");
        }
        TrustManager[] trust = tls.unsafeSsl() ? new TrustManager[] {UnsafeSsl.trustingTrustManager()}
                : tls.ca().map(ca -> PemMaterial.trustManagers(ca, "ca")).orElse(null);
        KeyManager[] keys = tls.cert().isPresent() && tls.key().isPresent()
                ? PemMaterial.keyManagers(tls.cert().get(), "cert", tls.key().get(), "key") : null;
        return Optional.of(SslOptions.builder().jdkSslProvider().sslContext(context -> {
            if (keys != null) {
                context.keyManager(keys[0]);
            }
            if (trust != null) {
                context.trustManager(trust[0]);
            }
        }).build());
    }

    /** {@code host:port} as Go's {@code net.SplitHostPort} reads it; an empty host is the local machine. */
    record HostPort(String host, int port) {

        static HostPort parse(String address) {
            int close = address.startsWith("[") ? address.indexOf(']') : -1;
            int colon = close >= 0 ? address.indexOf(':', close) : address.lastIndexOf(':');
            if (colon < 0 || (close >= 0 && colon != close + 1)) {
                throw new IllegalArgumentException("address \"" + address + "\" has no port (host:port)");
            }
            String host = close >= 0 ? address.substring(1, close) : address.substring(0, colon);
            try {
                return new HostPort(host.isEmpty() ? "localhost" : host, Integer.parseInt(address.substring(colon + 1)));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("address \"" + address + "\" has no numeric port");
            }
        }
    }
}
