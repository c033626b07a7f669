package dev.tide.scaler.azurequeue;

import com.azure.core.exception.ClientAuthenticationException;
import com.azure.storage.queue.models.QueueStorageException;
import dev.tide.scaler.api.ScalerException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns what the SDK throws into a {@link ScalerException} a user can act on, without any credential in it. */
final class QueueErrors {

    /** Connection string values that are credentials, in case a lower layer ever echoes one. */
    private static final Pattern SECRET_VALUES =
            Pattern.compile("(?i)(AccountKey|SharedAccessSignature|sig)=([^;&\\s\"']+)");

    private QueueErrors() {
    }

    static ScalerException translate(AzureQueueTrigger trigger, String queueUrl, RuntimeException error) {
        String queue = "queue " + queueUrl;
        String message;
        // Reactor may wrap what the service said (Exceptions.propagate).
        Throwable cause = serviceError(error);
        if (cause instanceof QueueStorageException storage) {
            String code = storage.getErrorCode() == null ? "no error code" : storage.getErrorCode().toString();
            int status = storage.getStatusCode();
            message = switch (status) {
                case 404 -> queue + " does not exist (" + status + " " + code + ")";
                case 401, 403 -> queue + " refused the credential (" + status + " " + code
                        + "): check the account key or SAS of the connection string, or the identity's role on the queue";
                default -> "reading " + queue + " failed (" + status + " " + code + ")";
            };
        } else if (cause instanceof ClientAuthenticationException) {
            message = "could not get a token for " + queue + " with podIdentity azure-workload: " + rootMessage(error);
        } else {
            message = "could not reach " + queue + ": " + rootMessage(error);
        }
        return new ScalerException(trigger.label() + ": " + redact(message), error);
    }

    private static Throwable serviceError(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof QueueStorageException || cause instanceof ClientAuthenticationException) {
                return cause;
            }
        }
        return error;
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }

    static String redact(String text) {
        Matcher matcher = SECRET_VALUES.matcher(text);
        return matcher.replaceAll(match -> Matcher.quoteReplacement(match.group(1) + "=<redacted>"));
    }
}
