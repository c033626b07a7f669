package dev.tide.scaler.awssqs;

import dev.tide.scaler.api.ScalerException;
import dev.tide.scaler.api.Secret;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;

/** Turns what the SDK throws into a {@link ScalerException} a user can act on, without any credential in it. */
final class SqsErrors {

    private SqsErrors() {
    }

    static ScalerException translate(AwsSqsTrigger trigger, SdkException error) {
        String queue = "queue " + trigger.parameters().queueURL();
        String message;
        if (error instanceof AwsServiceException service && service.awsErrorDetails() != null) {
            var details = service.awsErrorDetails();
            message = "error getting the attributes of " + queue + ": " + details.errorCode() + " (" + service.statusCode()
                    + "): " + details.errorMessage();
        } else if (error instanceof ApiCallTimeoutException) {
            message = "error getting the attributes of " + queue + ": no answer within " + trigger.timeout().toMillis() + "ms";
        } else if (String.valueOf(error.getMessage()).startsWith("Unable to load credentials")) {
            message = "no AWS credentials to read " + queue + " with (" + trigger.client().credentials().getClass()
                    .getSimpleName() + "): " + error.getMessage();
        } else {
            message = "could not reach SQS at " + trigger.parameters().awsEndpoint().orElse("region " + trigger.parameters()
                    .awsRegion()) + " for " + queue + ": " + rootMessage(error);
        }
        return new ScalerException(trigger.label() + ": " + redact(message, trigger.client().credentials()), error);
    }

    /** The SDK's messages name providers and key ids, not secrets; this holds should a lower layer ever echo one. */
    static String redact(String text, AwsCredentials credentials) {
        List<Secret> secrets = new ArrayList<>();
        if (credentials instanceof AwsCredentials.StaticKeys keys) {
            secrets.add(keys.secretAccessKey());
            keys.sessionToken().ifPresent(secrets::add);
        }
        String redacted = text;
        for (Secret secret : secrets) {
            redacted = redacted.replace(secret.reveal(), secret.toString());
        }
        return redacted;
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == error ? String.valueOf(error.getMessage())
                : error.getMessage() + " (" + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
    }
}
