package dev.tide.scaler.azurequeue;

import static dev.tide.scaler.api.params.Source.AUTH_PARAMS;
import static dev.tide.scaler.api.params.Source.RESOLVED_ENV;
import static dev.tide.scaler.api.params.Source.TRIGGER_METADATA;

import dev.tide.scaler.api.Secret;
import dev.tide.scaler.api.params.Param;
import java.util.Optional;

/**
 * The parameters of an {@code azure-queue} trigger, as KEDA's {@code azureQueueMetadata} declares them.
 * Which of {@code connection} and {@code accountName} is required depends on the pod identity, which is not a
 * parameter: {@link AzureQueueTrigger} checks that.
 */
record AzureQueueParameters(
        @Param(description = "the queue to measure")
        String queueName,

        @Param(defaultValue = "5", description = "target number of messages per replica (the HPA target)")
        long queueLength,

        @Param(defaultValue = "0", description = "the trigger is active when the length is above this")
        long activationQueueLength,

        @Param(defaultValue = "all",
                description = "`all` counts messages in flight too; `visibleonly` peeks visible messages (up to 32, then the approximate count)")
        QueueLengthStrategy queueLengthStrategy,

        @Param(order = {AUTH_PARAMS, TRIGGER_METADATA, RESOLVED_ENV},
                description = "storage connection string; required unless podIdentity is azure-workload")
        Optional<Secret> connection,

        @Param(description = "storage account name; required with podIdentity azure-workload")
        Optional<String> accountName,

        @Param(defaultValue = "AzurePublicCloud", description = "the Azure cloud of the account (used with pod identity)")
        AzureCloud cloud,

        @Param(description = "queue host suffix, e.g. `queue.core.private.cloud`; required with and used only for `cloud: Private`")
        Optional<String> endpointSuffix) {

    AzureQueueParameters {
        if (cloud == AzureCloud.PRIVATE && endpointSuffix.isEmpty()) {
            throw new IllegalArgumentException("endpointSuffix must be provided for Private cloud type");
        }
    }

    /** The queue host suffix after the account name: the cloud's own, or {@code endpointSuffix} for Private. */
    String queueEndpointSuffix() {
        return cloud.queueEndpointSuffix().orElseGet(endpointSuffix::orElseThrow);
    }
}
