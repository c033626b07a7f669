package dev.tide.scaler.awssqs;

import dev.tide.scaler.api.PodIdentity;
import dev.tide.scaler.api.Secret;
import dev.tide.scaler.api.TriggerConfig;
import dev.tide.scaler.awssqs.AwsSqsParameters.IdentityOwner;
import java.util.Map;
import java.util.Optional;

/**
 * Which AWS credentials read a trigger's queue: a pure decision over the trigger's inputs, ported from KEDA's
 * {@code GetAwsAuthorization} (pkg/scalers/aws/aws_common.go). Records compare by value, secrets included, so equal
 * credentials share one client; {@link Secret} keeps them out of {@code toString}.
 */
sealed interface AwsCredentials {

    String AWS = "aws";
    String AWS_EKS = "aws-eks";

    /** An access key, from the TriggerAuthentication or the metadata's {@code FromEnv} forms. */
    record StaticKeys(String accessKeyId, Secret secretAccessKey, Optional<Secret> sessionToken) implements AwsCredentials {
    }

    /** {@code awsRoleArn}: the role is assumed through STS with the controller's own (default chain) credentials. */
    record AssumeRole(String roleArn) implements AwsCredentials {
    }

    /** The SDK's default credentials chain: {@code podIdentity: aws} without a role, or {@code identityOwner: operator}. */
    record DefaultChain() implements AwsCredentials {
    }

    /** The answer, or KEDA's message for what is missing. */
    sealed interface Choice {
    }

    record Chosen(AwsCredentials credentials) implements Choice {
    }

    record Refused(String problem) implements Choice {
    }

    /**
     * KEDA's order: {@code podIdentity: aws} (its role, else {@code awsRoleArn}, else the default chain); then
     * {@code identityOwner: operator} (the default chain, whatever else is set); then the TriggerAuthentication's
     * {@code awsRoleArn}, its access key, and last the metadata's access key ({@code awsAccessKeyID} or
     * {@code awsAccessKeyIDFromEnv}) with {@code awsSecretAccessKeyFromEnv}. Pod identities other than {@code aws} are
     * refused by name (KEDA ignores them and goes on with the keys).
     */
    static Choice choose(TriggerConfig config, IdentityOwner owner) {
        PodIdentity identity = config.podIdentity();
        Map<String, String> auth = config.authParams();
        if (AWS.equals(identity.provider())) {
            Optional<String> role = identity.roleArn().filter(AwsCredentials::present)
                    .or(() -> Optional.ofNullable(auth.get("awsRoleArn")).filter(AwsCredentials::present));
            return new Chosen(role.<AwsCredentials>map(AssumeRole::new).orElseGet(DefaultChain::new));
        }
        if (!identity.isNone() && !AWS_EKS.equals(identity.provider())) {
            return new Refused("pod identity " + identity.provider() + " not supported for aws-sqs-queue: use podIdentity "
                    + "aws, identityOwner operator, awsRoleArn or AWS access keys");
        }
        if (owner == IdentityOwner.OPERATOR) {
            return new Chosen(new DefaultChain());
        }
        if (present(auth.get("awsRoleArn"))) {
            return new Chosen(new AssumeRole(auth.get("awsRoleArn")));
        }
        String authKeyId = present(auth.get("awsAccessKeyID")) ? auth.get("awsAccessKeyID") : auth.get("awsAccessKeyId");
        if (present(authKeyId)) {
            return keys(authKeyId, auth.get("awsSecretAccessKey"),
                    Optional.ofNullable(auth.get("awsSessionToken")).filter(AwsCredentials::present).map(Secret::of));
        }
        Map<String, String> metadata = config.metadata();
        String keyId = present(metadata.get("awsAccessKeyID")) ? metadata.get("awsAccessKeyID")
                : fromEnv(config, "awsAccessKeyIDFromEnv");
        if (!present(keyId)) {
            return new Refused("awsAccessKeyID not found");
        }
        return keys(keyId, fromEnv(config, "awsSecretAccessKeyFromEnv"), Optional.empty());
    }

    private static Choice keys(String keyId, String secret, Optional<Secret> token) {
        if (!present(secret)) {
            return new Refused("awsSecretAccessKey not found");
        }
        return new Chosen(new StaticKeys(keyId, Secret.of(secret), token));
    }

    private static String fromEnv(TriggerConfig config, String key) {
        String variable = config.metadata().get(key);
        return present(variable) ? config.resolvedEnv().get(variable) : null;
    }

    private static boolean present(String value) {
        return value != null && !value.isEmpty();
    }
}
