package dev.tide.scaler.azurequeue;

import dev.tide.scaler.api.Secret;
import java.util.Optional;

/**
 * How to reach one storage account and with which credential. Equal values share one client, so a record's
 * equality is exactly "same account, same credential".
 */
sealed interface QueueAccess {

    /** Where errors say the queue lives, without any credential. */
    String describe();

    /** A storage connection string (account key or SAS); it names its own endpoint. */
    record ConnectionString(Secret connection) implements QueueAccess {
        @Override
        public String describe() {
            return "the account of the connection string";
        }
    }

    /**
     * The controller's Azure workload identity (KEDA's {@code azure-workload}), optionally for another client id,
     * tenant or authority host than the pod's own (the TriggerAuthentication's {@code identityId} and friends).
     */
    record WorkloadIdentity(String accountEndpoint, Optional<String> clientId, Optional<String> tenantId,
            Optional<String> authorityHost) implements QueueAccess {
        @Override
        public String describe() {
            return accountEndpoint;
        }
    }
}
