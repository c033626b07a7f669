package dev.tide.scaler.kafka;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * The pool of shared clusters, one per {@link ClusterKey}, reference-counted by the triggers that use them: the
 * first trigger of a cluster creates it, the last one to close closes its AdminClient.
 */
final class KafkaClusters {

    /**
     * How the pool builds clusters; tests shorten the linger, benchmarks keep the defaults.
     *
     * @param idleLinger how long the first query of an idle cluster waits for company before its round starts
     * @param linger how long the next round waits after the round in flight ends
     */
    record Settings(Duration idleLinger, Duration linger, Duration metadataMaxAge, Clock clock) {

        /** Every round lingers, the first too: how tests make triggers sampled together share exactly one round. */
        Settings(Duration linger, Duration metadataMaxAge, Clock clock) {
            this(linger, linger, metadataMaxAge, clock);
        }

        /**
         * A lone read starts at once: in a scale loop, passes are spread over the interval, so the first query of an
         * idle cluster seldom has company within milliseconds, and waiting for it cost every such read 2 ms (the
         * Kafka benchmark's single-read ratio). Queries that arrive while a round runs queue for the next one, which
         * lingers 2 ms to gather the rest of a tick, at a cost below a round trip. Partitions added to a topic
         * without commits yet are seen within 30 s.
         */
        static Settings defaults() {
            return new Settings(Duration.ZERO, Duration.ofMillis(2), Duration.ofSeconds(30), Clock.systemUTC());
        }
    }

    private static final AtomicLong CLIENT_IDS = new AtomicLong();

    private final Settings settings;
    private final Map<ClusterKey, KafkaCluster> clusters = new HashMap<>(); // guarded by this

    KafkaClusters(Settings settings) {
        this.settings = settings;
    }

    /**
     * @throws IllegalStateException when a new gssapi cluster's Kerberos configuration conflicts with another's
     */
    synchronized KafkaCluster acquire(ClusterKey key) {
        KafkaCluster cluster = clusters.computeIfAbsent(key, k -> {
            Optional<KerberosLogin> kerberos = k.security().sasl() == SaslMechanism.GSSAPI
                    ? Optional.of(KerberosLogin.open(k.security())) : Optional.empty();
            Optional<Path> keytab = kerberos.flatMap(KerberosLogin::keytab);
            return new KafkaCluster(k, () -> createAdmin(k, keytab), settings.idleLinger(), settings.linger(),
                    new TopicMetadataCache(settings.clock(), settings.metadataMaxAge()),
                    () -> kerberos.ifPresent(KerberosLogin::close));
        });
        cluster.retain();
        return cluster;
    }

    void release(KafkaCluster cluster) {
        boolean last;
        synchronized (this) {
            last = cluster.release();
            if (last) {
                clusters.remove(cluster.key(), cluster);
            }
        }
        if (last) {
            cluster.close();
        }
    }

    synchronized int size() {
        return clusters.size();
    }

    private static Admin createAdmin(ClusterKey key, Optional<Path> keytab) {
        Map<String, Object> props = new HashMap<>(ClientProperties.of(key, keytab));
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "tide-kafka-" + CLIENT_IDS.incrementAndGet());
        return Admin.create(props);
    }
}
