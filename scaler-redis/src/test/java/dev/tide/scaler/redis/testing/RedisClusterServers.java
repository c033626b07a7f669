package dev.tide.scaler.redis.testing;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A Redis Cluster of three masters (Debian's {@code redis-server} with {@code --cluster-enabled yes}), joined by
 * {@code redis-cli --cluster create}, each node a {@link RedisServer} on a free loopback port.
 */
public final class RedisClusterServers implements AutoCloseable {

    private final List<RedisServer> nodes;

    private RedisClusterServers(List<RedisServer> nodes) {
        this.nodes = nodes;
    }

    /** Starts three nodes, assigns every slot and waits until the cluster reports {@code cluster_state:ok}. */
    public static RedisClusterServers start() {
        List<RedisServer> nodes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            nodes.add(RedisServer.start(Optional.empty(), List.of("--cluster-enabled", "yes", "--cluster-config-file",
                    "nodes.conf", "--cluster-node-timeout", "5000")));
        }
        RedisClusterServers cluster = new RedisClusterServers(nodes);
        List<String> create = new ArrayList<>(List.of("--cluster", "create"));
        nodes.forEach(node -> create.add(node.address()));
        create.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
        String created = nodes.get(0).cli(create.toArray(String[]::new));
        if (!created.contains("All 16384 slots covered")) {
            cluster.close();
            throw new IllegalStateException("redis-cli --cluster create failed:\n" + created);
        }
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> nodes.stream()
                .allMatch(node -> node.cli("CLUSTER", "INFO").contains("cluster_state:ok")));
        return cluster;
    }

    /** {@code host:port} of every node, comma-separated, as a trigger's {@code addresses}. */
    public String addresses() {
        return nodes.stream().map(RedisServer::address).collect(Collectors.joining(","));
    }

    /** Runs {@code redis-cli -c} (following MOVED redirects) against the first node. */
    public String cli(String... arguments) {
        List<String> command = new ArrayList<>(List.of("-c"));
        command.addAll(List.of(arguments));
        return nodes.get(0).cli(command.toArray(String[]::new));
    }

    public long cliLong(String... arguments) {
        return Long.parseLong(cli(arguments).trim());
    }

    @Override
    public void close() {
        nodes.forEach(RedisServer::close);
    }
}
