package dev.tide.keda.api.validation;

import dev.tide.keda.api.SpecValidator;
import dev.tide.keda.api.TriggerAuthenticationSpec;
import dev.tide.keda.api.TriggerAuthenticationSpec.PodIdentity;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * KEDA's {@code validateSpec} for TriggerAuthentication and ClusterTriggerAuthentication, with KEDA's messages, and
 * Tide's name rules for the Secrets and ConfigMaps they read.
 */
final class AuthenticationRules {

    private AuthenticationRules() {
    }

    static void check(TriggerAuthenticationSpec spec, boolean clusterScoped, Findings findings) {
        for (SpecValidator.Problem problem : SpecValidator.problems(spec)) {
            findings.error(Finding.tide(problem.field(), "invalid-spec", problem.message()));
        }
        if (spec == null) {
            return;
        }
        podIdentity(spec.podIdentity(), findings);
        oauth2(spec.oauth2(), findings);
        if (!clusterScoped && spec.filePath() != null && !spec.filePath().isEmpty()) {
            // KEDA admits this and fails at every scaler build; its tests and docs say only the cluster kind may.
            findings.error(Finding.keda("spec.filePath", "invalid-spec",
                    "filePath is only supported for ClusterTriggerAuthentication, got kind: TriggerAuthentication"));
        }
    }

    private static void podIdentity(PodIdentity identity, Findings findings) {
        if (identity == null || identity.provider() == null) {
            return;
        }
        String field = "spec.podIdentity";
        switch (identity.provider()) {
            case AZURE_WORKLOAD -> {
                if ("".equals(identity.identityId())) {
                    findings.error(Finding.keda(field + ".identityId", "invalid-spec",
                            "identityId of PodIdentity should not be empty. If it's set, identityId has to be different than \"\""));
                }
                if (!empty(identity.identityAuthorityHost())) {
                    if (empty(identity.identityTenantId())) {
                        findings.error(Finding.keda(field + ".identityTenantId", "invalid-spec",
                                "identityTenantID of PodIdentity should not be nil or empty when identityAuthorityHost of PodIdentity is set"));
                    }
                } else if ("".equals(identity.identityTenantId())) {
                    findings.error(Finding.keda(field + ".identityTenantId", "invalid-spec",
                            "identityTenantId of PodIdentity should not be empty. If it's set, identityTenantId has to be different than \"\""));
                }
            }
            case AWS -> {
                if (!empty(identity.roleArn()) && identity.identityOwner() == PodIdentity.IdentityOwner.WORKLOAD) {
                    findings.error(Finding.keda(field + ".roleArn", "invalid-spec", "roleArn of PodIdentity can't be set if KEDA isn't identityOwner"));
                }
                if (!empty(identity.externalID()) && empty(identity.roleArn())) {
                    findings.error(Finding.keda(field + ".externalID", "invalid-spec", "externalID of PodIdentity requires roleArn to be set"));
                }
            }
            default -> {
                // gcp, aws-eks and none have nothing to check.
            }
        }
    }

    /**
     * KEDA's oauth2 rules. KEDA skips them when the pod identity is gcp, aws-eks or none (an early return); Tide checks
     * them whatever the identity, as the rule intends.
     */
    private static void oauth2(TriggerAuthenticationSpec.OAuth2 oauth2, Findings findings) {
        if (oauth2 == null) {
            return;
        }
        String type = oauth2.type() == null ? "clientCredentials" : oauth2.type();
        if (!"clientCredentials".equals(type)) {
            findings.error(Finding.keda("spec.oauth2.type", "invalid-spec", "oauth2.type must be 'clientCredentials', got '" + type + "'"));
        } else if (empty(oauth2.clientId())) {
            findings.error(Finding.keda("spec.oauth2.clientId", "invalid-spec", "oauth2.clientId is required when oauth2 is configured"));
        } else if (empty(oauth2.tokenUrl())) {
            findings.error(Finding.keda("spec.oauth2.tokenUrl", "invalid-spec", "oauth2.tokenUrl is required when oauth2 is configured"));
        } else if (!httpUrl(oauth2.tokenUrl())) {
            findings.error(Finding.keda("spec.oauth2.tokenUrl", "invalid-spec", "oauth2.tokenUrl must be a valid http or https URL"));
        }
    }

    private static boolean httpUrl(String text) {
        try {
            URI uri = new URI(text);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null && !uri.getHost().isEmpty();
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static boolean empty(String value) {
        return value == null || value.isEmpty();
    }
}
