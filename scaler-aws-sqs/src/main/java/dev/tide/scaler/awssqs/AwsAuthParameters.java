package dev.tide.scaler.awssqs;

import static dev.tide.scaler.api.params.Source.AUTH_PARAMS;
import static dev.tide.scaler.api.params.Source.RESOLVED_ENV;
import static dev.tide.scaler.api.params.Source.TRIGGER_METADATA;

import dev.tide.scaler.api.Secret;
import dev.tide.scaler.api.params.Param;
import java.util.Optional;

/**
 * The AWS credentials a trigger may name (KEDA's {@code GetAwsAuthorization}). All are optional here: which ones are
 * needed depends on the pod identity and {@code identityOwner}, which {@link AwsCredentials#choose} decides.
 */
record AwsAuthParameters(
        @Param(order = AUTH_PARAMS, description = "a role to assume through STS with the controller's own credentials")
        Optional<String> awsRoleArn,

        @Param(name = "awsAccessKeyID", aliases = "awsAccessKeyId", order = {AUTH_PARAMS, TRIGGER_METADATA, RESOLVED_ENV},
                description = "access key id; with `awsSecretAccessKey`")
        Optional<String> awsAccessKeyID,

        @Param(order = {AUTH_PARAMS, RESOLVED_ENV}, description = "secret access key (TriggerAuthentication or `awsSecretAccessKeyFromEnv`)")
        Optional<Secret> awsSecretAccessKey,

        @Param(order = AUTH_PARAMS, description = "session token of temporary credentials")
        Optional<Secret> awsSessionToken) {
}
