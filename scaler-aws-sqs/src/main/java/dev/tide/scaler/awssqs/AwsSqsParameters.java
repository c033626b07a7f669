package dev.tide.scaler.awssqs;

import static dev.tide.scaler.api.params.Source.AUTH_PARAMS;
import static dev.tide.scaler.api.params.Source.RESOLVED_ENV;
import static dev.tide.scaler.api.params.Source.TRIGGER_METADATA;

import dev.tide.scaler.api.params.Param;
import java.util.Optional;

/** The parameters of an {@code aws-sqs-queue} trigger, as KEDA's {@code awsSqsQueueMetadata} declares them. */
record AwsSqsParameters(
        @Param(name = "queueURL", order = {TRIGGER_METADATA, RESOLVED_ENV},
                description = "the queue's URL (`https://sqs.<region>.amazonaws.com/<account>/<queue>`) or its name")
        String queueURL,

        @Param(defaultValue = "5", description = "target number of messages per replica (the HPA target)")
        long queueLength,

        @Param(defaultValue = "0", description = "the trigger is active when the length is above this")
        long activationQueueLength,

        @Param(order = {TRIGGER_METADATA, AUTH_PARAMS}, description = "the queue's AWS region, e.g. `eu-west-1`")
        String awsRegion,

        @Param(description = "an SQS endpoint to call instead of the region's, e.g. `http://localstack:4566`")
        Optional<String> awsEndpoint,

        @Param(defaultValue = "true", description = "count messages in flight (ApproximateNumberOfMessagesNotVisible)")
        boolean scaleOnInFlight,

        @Param(defaultValue = "false", description = "count delayed messages (ApproximateNumberOfMessagesDelayed)")
        boolean scaleOnDelayed,

        @Param(defaultValue = "pod",
                description = "`operator` reads the queue with the controller's own AWS identity (the default credentials chain)")
        IdentityOwner identityOwner) {

    /** Whose AWS identity reads the queue when the TriggerAuthentication names no pod identity. */
    enum IdentityOwner {
        /** The credentials of the TriggerAuthentication or the metadata (keys or {@code awsRoleArn}). */
        POD,
        /** The controller's own identity, from the SDK's default credentials chain. */
        OPERATOR
    }
}
