package dev.tide.scaler.azurequeue;

import dev.tide.scaler.api.MetricSpec;
import dev.tide.scaler.api.MetricTargetType;
import dev.tide.scaler.api.MilliValue;
import dev.tide.scaler.api.PodIdentity;
import dev.tide.scaler.api.ScalerConfigException;
import dev.tide.scaler.api.TriggerConfig;
import dev.tide.scaler.api.metrics.MetricNames;
import dev.tide.scaler.api.params.ParameterBinder;

/**
 * One {@code azure-queue} trigger, bound and checked: its parameters, how to reach the account, and the metric it
 * feeds (KEDA's {@code parseAzureQueueMetadata}).
 */
record AzureQueueTrigger(String label, AzureQueueParameters parameters, QueueAccess access, MetricSpec metricSpec) {

    static final String TYPE = "azure-queue";
    static final String AZURE_WORKLOAD = "azure-workload";

    /** @throws ScalerConfigException naming the trigger and what is wrong */
    static AzureQueueTrigger parse(TriggerConfig config) {
        AzureQueueParameters parameters = ParameterBinder.bind(config, AzureQueueParameters.class);
        MetricSpec metricSpec = new MetricSpec(
                MetricNames.withIndex(config.triggerIndex(), TYPE + "-" + parameters.queueName()),
                config.metricType().orElse(MetricTargetType.AVERAGE_VALUE),
                MilliValue.ofWhole(parameters.queueLength()));
        return new AzureQueueTrigger(config.label(), parameters, access(config, parameters), metricSpec);
    }

    private static QueueAccess access(TriggerConfig config, AzureQueueParameters parameters) {
        PodIdentity identity = config.podIdentity();
        if (identity.isNone()) {
            return parameters.connection()
                    .<QueueAccess>map(QueueAccess.ConnectionString::new)
                    .orElseThrow(() -> new ScalerConfigException(config, "no connection setting given"));
        }
        if (!AZURE_WORKLOAD.equals(identity.provider())) {
            throw new ScalerConfigException(config,
                    "pod identity " + identity.provider() + " not supported for azure storage queues");
        }
        String account = parameters.accountName()
                .orElseThrow(() -> new ScalerConfigException(config, "no accountName given"));
        return new QueueAccess.WorkloadIdentity("https://" + account + "." + parameters.queueEndpointSuffix(),
                identity.identityId(), identity.identityTenantId(), identity.identityAuthorityHost());
    }
}
