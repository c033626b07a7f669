package dev.tide.scaler.azurequeue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import dev.tide.scaler.api.MetricSpec;
import dev.tide.scaler.api.MetricTargetType;
import dev.tide.scaler.api.MilliValue;
import dev.tide.scaler.api.PodIdentity;
import dev.tide.scaler.api.ScalerConfigException;
import dev.tide.scaler.api.TriggerConfig;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** KEDA's {@code azure_queue_scaler_test.go}, case by case, plus what Tide adds. */
class AzureQueueTriggerTest {

    /** KEDA's tests resolve {@code connectionFromEnv: CONNECTION} to this. */
    private static final Map<String, String> RESOLVED_ENV = Map.of("CONNECTION", "SAMPLE");
    private static final PodIdentity NONE = PodIdentity.none();
    private static final PodIdentity WORKLOAD = PodIdentity.of("azure-workload");

    /** {@code testAzQueueMetadata}: metadata, auth params, pod identity, and null when valid or the expected error. */
    static Stream<Arguments> kedaMetadataCases() {
        return Stream.of(
                argumentSet("nothing passed", Map.of(), Map.of(), NONE,
                        "missing required parameter \"queueName\" in [triggerMetadata]"),
                argumentSet("properly formed", Map.of("connectionFromEnv", "CONNECTION", "queueName", "sample",
                        "queueLength", "5"), Map.of(), NONE, null),
                argumentSet("empty queueName", Map.of("connectionFromEnv", "CONNECTION", "queueName", ""), Map.of(),
                        NONE, "missing required parameter \"queueName\""),
                argumentSet("improperly formed queueLength", Map.of("connectionFromEnv", "CONNECTION",
                        "queueName", "sample", "queueLength", "AA"), Map.of(), NONE,
                        "parameter \"queueLength\" value \"AA\" must be an integer"),
                argumentSet("improperly formed activationQueueLength", Map.of("connectionFromEnv", "CONNECTION",
                        "queueName", "sample", "queueLength", "1", "activationQueueLength", "AA"), Map.of(), NONE,
                        "parameter \"activationQueueLength\" value \"AA\" must be an integer"),
                argumentSet("workload identity with account name", Map.of("accountName", "sample_acc",
                        "queueName", "sample_queue"), Map.of(), WORKLOAD, null),
                argumentSet("workload identity without account name", Map.of("accountName", "",
                        "queueName", "sample_queue"), Map.of(), WORKLOAD, "no accountName given"),
                argumentSet("workload identity without queue name", Map.of("accountName", "sample_acc",
                        "queueName", ""), Map.of(), WORKLOAD, "missing required parameter \"queueName\""),
                argumentSet("workload identity with cloud", Map.of("accountName", "sample_acc",
                        "queueName", "sample_queue", "cloud", "AzurePublicCloud"), Map.of(), WORKLOAD, null),
                argumentSet("invalid cloud", Map.of("accountName", "sample_acc", "queueName", "sample_queue",
                        "cloud", "InvalidCloud"), Map.of(), WORKLOAD,
                        "parameter \"cloud\" value \"InvalidCloud\" must be one of"),
                argumentSet("Private cloud with endpointSuffix", Map.of("accountName", "sample_acc",
                        "queueName", "sample_queue", "cloud", "Private", "endpointSuffix", "queue.core.private.cloud"),
                        Map.of(), WORKLOAD, null),
                argumentSet("Private cloud without endpointSuffix", Map.of("accountName", "sample_acc",
                        "queueName", "sample_queue", "cloud", "Private", "endpointSuffix", ""), Map.of(), WORKLOAD,
                        "endpointSuffix must be provided for Private cloud type"),
                argumentSet("endpointSuffix without cloud is ignored", Map.of("accountName", "sample_acc",
                        "queueName", "sample_queue", "cloud", "", "endpointSuffix", "ignored"), Map.of(), WORKLOAD,
                        null),
                argumentSet("connection from authParams", Map.of("queueName", "sample", "queueLength", "5"),
                        Map.of("connection", "value"), NONE, null),
                argumentSet("queueLengthStrategy all", Map.of("connectionFromEnv", "CONNECTION",
                        "queueName", "sample", "queueLengthStrategy", "all"), Map.of(), NONE, null),
                argumentSet("queueLengthStrategy visibleonly", Map.of("connectionFromEnv", "CONNECTION",
                        "queueName", "sample", "queueLengthStrategy", "visibleonly"), Map.of(), NONE, null),
                argumentSet("queueLengthStrategy invalid", Map.of("connectionFromEnv", "CONNECTION",
                        "queueName", "sample", "queueLengthStrategy", "invalid"), Map.of(), NONE,
                        "parameter \"queueLengthStrategy\" value \"invalid\" must be one of [all, visibleonly]"),
                // Tide's own cases, from the branches of KEDA's parser that its table leaves out.
                argumentSet("no connection without pod identity", Map.of("queueName", "sample"), Map.of(), NONE,
                        "no connection setting given"),
                argumentSet("connectionFromEnv naming an unset variable", Map.of("queueName", "sample",
                        "connectionFromEnv", "UNSET"), Map.of(), NONE, "no connection setting given"),
                argumentSet("unsupported pod identity", Map.of("queueName", "sample", "accountName", "sample_acc"),
                        Map.of(), PodIdentity.of("aws"), "pod identity aws not supported for azure storage queues"),
                argumentSet("every bad parameter at once", Map.of("queueLength", "AA", "queueLengthStrategy", "x"),
                        Map.of(), NONE, "missing required parameter \"queueName\" in [triggerMetadata]; "
                                + "parameter \"queueLength\" value \"AA\" must be an integer; "
                                + "parameter \"queueLengthStrategy\" value \"x\" must be one of [all, visibleonly]"));
    }

    @ParameterizedTest
    @MethodSource("kedaMetadataCases")
    void parsesTriggerMetadataAsKedaDoes(Map<String, String> metadata, Map<String, String> authParams,
            PodIdentity identity, String expectedError) {
        TriggerConfig config = TriggerConfig.builder("azure-queue").metadata(metadata).resolvedEnv(RESOLVED_ENV)
                .authParams(authParams).podIdentity(identity).build();

        if (expectedError == null) {
            AzureQueueTrigger trigger = AzureQueueTrigger.parse(config);
            assertThat(trigger.access()).isInstanceOf(identity.isNone()
                    ? QueueAccess.ConnectionString.class : QueueAccess.WorkloadIdentity.class);
        } else {
            assertThatThrownBy(() -> AzureQueueTrigger.parse(config))
                    .isInstanceOf(ScalerConfigException.class)
                    .hasMessageStartingWith("trigger[0] (azure-queue): ")
                    .hasMessageContaining(expectedError);
        }
    }

    /** {@code azQueueMetricIdentifiers}. */
    static Stream<Arguments> kedaMetricNameCases() {
        return Stream.of(
                argumentSet("properly formed, index 0", 0, Map.of("connectionFromEnv", "CONNECTION",
                        "queueName", "sample", "queueLength", "5"), NONE, "s0-azure-queue-sample"),
                argumentSet("workload identity, index 1", 1, Map.of("accountName", "sample_acc",
                        "queueName", "sample_queue"), WORKLOAD, "s1-azure-queue-sample_queue"));
    }

    @ParameterizedTest
    @MethodSource("kedaMetricNameCases")
    void namesTheMetricAfterTheIndexAndQueue(int index, Map<String, String> metadata, PodIdentity identity,
            String expectedName) {
        TriggerConfig config = TriggerConfig.builder("azure-queue").triggerIndex(index).metadata(metadata)
                .resolvedEnv(RESOLVED_ENV).podIdentity(identity).build();

        assertThat(AzureQueueTrigger.parse(config).metricSpec().metricName()).isEqualTo(expectedName);
    }

    @Test
    void targetsAnAverageOfQueueLengthMessagesPerReplicaByDefault() {
        TriggerConfig config = TriggerConfig.of("azure-queue", 0, Map.of("queueName", "q", "connection", "c"));

        assertThat(AzureQueueTrigger.parse(config).metricSpec())
                .isEqualTo(new MetricSpec("s0-azure-queue-q", MetricTargetType.AVERAGE_VALUE, MilliValue.ofWhole(5)));
    }

    @Test
    void honoursTheTriggersMetricType() {
        TriggerConfig config = TriggerConfig.builder("azure-queue").metricType(MetricTargetType.VALUE)
                .metadata(Map.of("queueName", "q", "connection", "c", "queueLength", "12")).build();

        assertThat(AzureQueueTrigger.parse(config).metricSpec())
                .isEqualTo(new MetricSpec("s0-azure-queue-q", MetricTargetType.VALUE, MilliValue.ofWhole(12)));
    }

    static Stream<Arguments> workloadEndpoints() {
        return Stream.of(
                argumentSet("public cloud by default", Map.of(), "https://acc.queue.core.windows.net"),
                argumentSet("cloud names are case-insensitive", Map.of("cloud", "azurechinacloud"),
                        "https://acc.queue.core.chinacloudapi.cn"),
                argumentSet("US government cloud", Map.of("cloud", "AzureUSGovernmentCloud"),
                        "https://acc.queue.core.usgovcloudapi.net"),
                argumentSet("endpointSuffix only counts for Private", Map.of("endpointSuffix", "queue.example"),
                        "https://acc.queue.core.windows.net"),
                argumentSet("Private cloud", Map.of("cloud", "Private", "endpointSuffix", "queue.core.private.cloud"),
                        "https://acc.queue.core.private.cloud"));
    }

    @ParameterizedTest
    @MethodSource("workloadEndpoints")
    void buildsTheWorkloadIdentityEndpointFromAccountAndCloud(Map<String, String> cloud, String expectedEndpoint) {
        Map<String, String> metadata = new java.util.HashMap<>(Map.of("queueName", "q", "accountName", "acc"));
        metadata.putAll(cloud);
        PodIdentity identity = new PodIdentity("azure-workload", Optional.of("client-1"), Optional.of("tenant-1"),
                Optional.empty(), Optional.empty());

        QueueAccess access = AzureQueueTrigger.parse(TriggerConfig.builder("azure-queue").metadata(metadata)
                .podIdentity(identity).build()).access();

        assertThat(access).isEqualTo(new QueueAccess.WorkloadIdentity(expectedEndpoint, Optional.of("client-1"),
                Optional.of("tenant-1"), Optional.empty()));
    }

    @Test
    void connectionFromAuthParamsWinsOverMetadataAndEnvironment() {
        TriggerConfig config = TriggerConfig.builder("azure-queue")
                .metadata(Map.of("queueName", "q", "connection", "from-metadata", "connectionFromEnv", "CONNECTION"))
                .resolvedEnv(RESOLVED_ENV).authParams(Map.of("connection", "from-auth")).build();

        assertThat(AzureQueueTrigger.parse(config).access())
                .isEqualTo(new QueueAccess.ConnectionString(dev.tide.scaler.api.Secret.of("from-auth")));
    }

    @Test
    void neverShowsTheConnectionInToString() {
        TriggerConfig config = TriggerConfig.builder("azure-queue")
                .metadata(Map.of("queueName", "q", "connectionFromEnv", "CONNECTION"))
                .resolvedEnv(Map.of("CONNECTION", "AccountKey=very-secret")).build();

        assertThat(AzureQueueTrigger.parse(config).toString()).doesNotContain("very-secret").contains("<redacted>");
    }
}
