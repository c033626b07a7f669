package dev.tide.scaler.api;

import java.util.Optional;

/**
 * The {@code podIdentity} of a TriggerAuthentication, as the scaler sees it.
 *
 * @param provider {@code azure-workload}, {@code gcp}, {@code aws}, {@code aws-eks} or {@code none}
 * @param identityId the managed identity's client id (azure-workload), if set
 * @param identityTenantId the tenant (azure-workload), if set
 * @param identityAuthorityHost the authority host (azure-workload), if set
 * @param roleArn the role to assume (aws), if set
 */
public record PodIdentity(
        String provider,
        Optional<String> identityId,
        Optional<String> identityTenantId,
        Optional<String> identityAuthorityHost,
        Optional<String> roleArn) {

    public static final String NONE = "none";

    public static PodIdentity none() {
        return of(NONE);
    }

    public static PodIdentity of(String provider) {
        return new PodIdentity(provider, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    public boolean isNone() {
        return provider == null || provider.isBlank() || NONE.equals(provider);
    }
}
