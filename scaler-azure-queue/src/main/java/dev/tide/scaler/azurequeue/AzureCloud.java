package dev.tide.scaler.azurequeue;

import dev.tide.scaler.api.params.ParameterValue;
import java.util.Optional;

/**
 * The Azure cloud a storage account lives in (KEDA's {@code cloud}). Only matters for pod identity: a
 * connection string names its own endpoint.
 */
enum AzureCloud implements ParameterValue {
    AZURE_PUBLIC_CLOUD("AzurePublicCloud", "queue.core.windows.net"),
    AZURE_US_GOVERNMENT_CLOUD("AzureUSGovernmentCloud", "queue.core.usgovcloudapi.net"),
    AZURE_CHINA_CLOUD("AzureChinaCloud", "queue.core.chinacloudapi.cn"),
    /** A private cloud: the user gives {@code endpointSuffix}. */
    PRIVATE("Private", null);

    private final String parameterValue;
    private final String queueEndpointSuffix;

    AzureCloud(String parameterValue, String queueEndpointSuffix) {
        this.parameterValue = parameterValue;
        this.queueEndpointSuffix = queueEndpointSuffix;
    }

    /** The host suffix after the account name, e.g. {@code queue.core.windows.net}; empty for {@link #PRIVATE}. */
    Optional<String> queueEndpointSuffix() {
        return Optional.ofNullable(queueEndpointSuffix);
    }

    @Override
    public String parameterValue() {
        return parameterValue;
    }
}
