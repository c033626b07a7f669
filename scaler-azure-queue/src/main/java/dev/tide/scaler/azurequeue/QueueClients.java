package dev.tide.scaler.azurequeue;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.policy.HttpPipelinePolicy;
import com.azure.core.util.Configuration;
import com.azure.identity.WorkloadIdentityCredentialBuilder;
import com.azure.storage.common.policy.RequestRetryOptions;
import com.azure.storage.common.policy.RetryPolicyType;
import com.azure.storage.queue.QueueServiceAsyncClient;
import com.azure.storage.queue.QueueServiceClientBuilder;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/** Builds the SDK client for one account and credential. */
final class QueueClients implements Function<QueueAccess, QueueServiceAsyncClient> {

    /*
     * One try per poll: the scale loop holds its replicas on an error and polls again at the next interval, while
     * the SDK's default (4 tries with exponential back-off) would stall the loop for minutes on a dead endpoint.
     */
    private static final RequestRetryOptions ONE_TRY =
            new RequestRetryOptions(RetryPolicyType.FIXED, 1, (Duration) null, null, null, null);

    private final Configuration configuration;
    private final List<HttpPipelinePolicy> extraPolicies;

    /**
     * @param configuration where the workload identity's {@code AZURE_*} settings are read from
     * @param extraPolicies added to every client's pipeline (tests count requests with one)
     */
    QueueClients(Configuration configuration, List<HttpPipelinePolicy> extraPolicies) {
        this.configuration = configuration;
        this.extraPolicies = List.copyOf(extraPolicies);
    }

    @Override
    public QueueServiceAsyncClient apply(QueueAccess access) {
        QueueServiceClientBuilder builder = new QueueServiceClientBuilder().retryOptions(ONE_TRY);
        extraPolicies.forEach(builder::addPolicy);
        if (access instanceof QueueAccess.ConnectionString connectionString) {
            try {
                builder.connectionString(connectionString.connection().reveal());
            } catch (IllegalArgumentException e) {
                // The SDK's message may quote the string; ours must not.
                throw new IllegalArgumentException("parameter \"connection\" is not a valid storage connection string");
            }
        } else if (access instanceof QueueAccess.WorkloadIdentity workload) {
            builder.endpoint(workload.accountEndpoint()).credential(workloadCredential(workload));
        }
        return builder.buildAsyncClient();
    }

    private TokenCredential workloadCredential(QueueAccess.WorkloadIdentity workload) {
        WorkloadIdentityCredentialBuilder credential = new WorkloadIdentityCredentialBuilder().configuration(configuration);
        workload.clientId().ifPresent(credential::clientId);
        workload.tenantId().ifPresent(credential::tenantId);
        workload.authorityHost().ifPresent(credential::authorityHost);
        try {
            return credential.build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("podIdentity azure-workload is not available to Tide (" + e.getMessage()
                    + "): the controller's pod needs AZURE_CLIENT_ID, AZURE_TENANT_ID and AZURE_FEDERATED_TOKEN_FILE,"
                    + " which the Azure Workload Identity webhook injects into a federated service account");
        }
    }
}
