package dev.tide.scaler.kafka;

import dev.tide.scaler.api.ConnectionKey;
import dev.tide.scaler.api.Scaler;
import dev.tide.scaler.api.ScalerConfigException;
import dev.tide.scaler.api.ScalerFactory;
import dev.tide.scaler.api.TriggerConfig;
import dev.tide.scaler.api.metrics.MetricNames;
import dev.tide.scaler.api.params.ParameterBinder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code type: kafka}: the lag of a Kafka consumer group, as KEDA's kafka scaler computes it. Triggers that read the
 * same cluster with the same credentials share one AdminClient and one request round per tick.
 */
public final class KafkaScalerFactory implements ScalerFactory {

    private final KafkaClusters clusters;

    public KafkaScalerFactory() {
        this(KafkaClusters.Settings.defaults());
    }

    KafkaScalerFactory(KafkaClusters.Settings settings) {
        this.clusters = new KafkaClusters(settings);
    }

    @Override
    public String type() {
        return "kafka";
    }

    @Override
    public Scaler create(TriggerConfig config) {
        KafkaTriggerParams params = null;
        List<String> problems = new ArrayList<>();
        try {
            params = ParameterBinder.bind(config, KafkaTriggerParams.class);
        } catch (ScalerConfigException e) {
            problems.addAll(e.problems());
        }
        Optional<ClusterKey> key = Optional.empty();
        try {
            key = Optional.of(clusterKey(config, params == null ? List.of() : params.bootstrapServers()));
        } catch (ScalerConfigException e) {
            problems.addAll(e.problems());
        }
        if (!problems.isEmpty()) {
            throw new ScalerConfigException(config.label(), problems);
        }
        String metricName = MetricNames.withIndex(config.triggerIndex(), params.metricBaseName());
        KafkaCluster cluster;
        try {
            cluster = clusters.acquire(key.get());
        } catch (IllegalStateException e) {
            throw new ScalerConfigException(config.label(), List.of(e.getMessage()));
        }
        return new KafkaScaler(config.label(), params, LagQuery.of(params, config.timeout()),
                KafkaScaler.metricSpec(metricName, params, config.metricType()), clusters, cluster);
    }

    /**
     * The trigger's security settings, checked as KEDA checks them (including the AWS credentials an
     * {@code aws_msk_iam} trigger would use, which depend on its pod identity), with the servers they are for.
     *
     * @throws ScalerConfigException naming every problem
     */
    static ClusterKey clusterKey(TriggerConfig config, List<String> bootstrapServers) {
        KafkaSecurityParams security = ParameterBinder.bind(config, KafkaSecurityParams.class);
        List<String> problems = new ArrayList<>();
        Optional<MskIamCredentials> mskIam = Optional.empty();
        if (security.mskIam()) {
            try {
                mskIam = Optional.of(MskIamCredentials.of(security, config.podIdentity()));
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        ClientProperties.oauthEndpointRefusal(security, System.getProperty(
                ClientProperties.ALLOWED_OAUTH_URLS, "")).ifPresent(problems::add);
        if (!problems.isEmpty()) {
            throw new ScalerConfigException(config.label(), problems);
        }
        return new ClusterKey(bootstrapServers, security, mskIam);
    }

    /** The metadata that names the cluster and how to reach it (not the topic or the group). */
    private static final Set<String> CONNECTION_PARAMETERS = Set.of("bootstrapServers", "bootstrapServersFromEnv", "sasl", "tls", "unsafeSsl");

    /** Triggers on one cluster with one credential share the host's guard, as they share this factory's client. */
    @Override
    public ConnectionKey connectionKey(TriggerConfig config) {
        return ConnectionKey.of(config, CONNECTION_PARAMETERS);
    }

    @Override
    public List<Class<? extends Record>> parameterTypes() {
        return List.of(KafkaTriggerParams.class, KafkaSecurityParams.class);
    }

    /** Clusters with an open client; for tests. */
    int openClusters() {
        return clusters.size();
    }
}
