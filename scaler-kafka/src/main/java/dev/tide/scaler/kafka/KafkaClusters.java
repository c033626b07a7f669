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

    /** How the pool builds clusters; tests shorten the linger, benchmarks keep the defaults. */
    record Settings(Duration linger, Duration metadataMaxAge, Clock clock) {

        /**
         * A 2 ms window gathers the triggers a scale loop fires in the same tick (later ones queue behind the round
         * in flight and share the next), at a cost below a round trip;
         * partitions added to a topic without commits yet are seen within 30 s.
         */
        static Settings defaults() {
            return new Settings(Duration.ofMillis(2), Duration.ofSeconds(30), Clock.systemUTC());
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
            return new KafkaCluster(k, () -> createAdmin(k, keytab), settings.linger(),
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
