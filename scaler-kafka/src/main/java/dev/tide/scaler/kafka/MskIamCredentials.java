package dev.tide.scaler.kafka;

import dev.tide.scaler.api.PodIdentity;
import dev.tide.scaler.api.Secret;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.msk.auth.iam.internals.MSKCredentialProvider;

/**
 * Which AWS credentials sign an {@code aws_msk_iam} trigger's token, by KEDA's {@code GetAwsAuthorization} rules:
 * {@code podIdentity: aws} uses the default chain (assuming its {@code roleArn}, or {@code awsRoleArn}, when set);
 * otherwise with {@code identityOwner} {@code pod} (the default) {@code awsRoleArn} is assumed with the default
 * chain, or the static keys are used ({@code awsAccessKeyID} and {@code awsSecretAccessKey}, both needed); any
 * other {@code identityOwner} (such as {@code operator}) uses the default chain as it is. Part of the shared
 * client's key; the secrets print as {@code <redacted>}.
 */
record MskIamCredentials(String region, Optional<Secret> accessKeyId, Optional<Secret> secretAccessKey,
        Optional<Secret> sessionToken, Optional<String> roleArn) {

    /** @throws IllegalArgumentException with KEDA's message when the static keys are incomplete */
    static MskIamCredentials of(KafkaSecurityParams security, PodIdentity podIdentity) {
        String region = security.awsRegion().orElseThrow();
        if ("aws".equals(podIdentity.provider())) {
            return new MskIamCredentials(region, Optional.empty(), Optional.empty(), Optional.empty(),
                    podIdentity.roleArn().filter(arn -> !arn.isEmpty()).or(security::awsRoleArn));
        }
        String owner = security.identityOwner().orElse("pod");
        if (!owner.isEmpty() && !owner.equals("pod")) {
            return new MskIamCredentials(region, Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty());
        }
        if (security.awsRoleArn().isPresent()) {
            return new MskIamCredentials(region, Optional.empty(), Optional.empty(), Optional.empty(),
                    security.awsRoleArn());
        }
        if (security.awsAccessKeyID().isEmpty()) {
            throw new IllegalArgumentException("error getting AWS authorization: awsAccessKeyID not found");
        }
        if (security.awsSecretAccessKey().isEmpty()) {
            throw new IllegalArgumentException("error getting AWS authorization: awsSecretAccessKey not found");
        }
        return new MskIamCredentials(region, security.awsAccessKeyID(), security.awsSecretAccessKey(),
                security.awsSessionToken(), Optional.empty());
    }

    /** Static keys as they are; otherwise AWS's MSK provider (the default chain, assuming the role when set). */
    AwsCredentialsProvider provider() {
        if (accessKeyId.isPresent()) {
            String id = accessKeyId.get().reveal();
            String secret = secretAccessKey.orElseThrow().reveal();
            return StaticCredentialsProvider.create(sessionToken
                    .<software.amazon.awssdk.auth.credentials.AwsCredentials>map(token ->
                            AwsSessionCredentials.create(id, secret, token.reveal()))
                    .orElseGet(() -> AwsBasicCredentials.create(id, secret)));
        }
        Map<String, String> options = new HashMap<>();
        roleArn.ifPresent(arn -> {
            options.put("awsRoleArn", arn);
            options.put("awsStsRegion", region);
        });
        return new MSKCredentialProvider(options);
    }
}
