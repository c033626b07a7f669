package dev.tide.keda.api.validation;

import static dev.tide.keda.api.TriggerAuthenticationSpec.PodIdentity.IdentityOwner.KEDA;
import static dev.tide.keda.api.TriggerAuthenticationSpec.PodIdentity.IdentityOwner.WORKLOAD;
import static dev.tide.keda.api.TriggerAuthenticationSpec.PodIdentity.Provider.AWS;
import static dev.tide.keda.api.TriggerAuthenticationSpec.PodIdentity.Provider.AZURE_WORKLOAD;
import static dev.tide.keda.api.validation.KedaDecision.allowed;
import static dev.tide.keda.api.validation.KedaDecision.denied;

import dev.tide.keda.api.TriggerAuthenticationSpec;
import dev.tide.keda.api.TriggerAuthenticationSpec.PodIdentity;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * KEDA's TriggerAuthentication and ClusterTriggerAuthentication admission cases
 * ({@code apis/keda/v1alpha1/triggerauthentication_webhook_test.go}, envtest), each row with the name of KEDA's case.
 *
 * <p>Two things about KEDA's cases. Its helper sets {@code TypeMeta.Kind} on a {@code TriggerAuthentication} value,
 * which the typed client ignores, so every case creates a namespaced TriggerAuthentication; the rows follow the kind
 * the case asks for. And its denials are written {@code Eventually(create).Should(HaveOccurred())}, which also passes
 * on the retry's AlreadyExists; a denial here is KEDA's only where its {@code validateSpec} produces it.
 */
class KedaTriggerAuthenticationWebhookParityTest {

    private static final KedaValidator VALIDATOR = new KedaValidator(TriggerParameters.NONE);

    private static final String TENANT_EMPTY =
            "identityTenantId of PodIdentity should not be empty. If it's set, identityTenantId has to be different than \"\"";
    private static final String TENANT_MISSING =
            "identityTenantID of PodIdentity should not be nil or empty when identityAuthorityHost of PodIdentity is set";
    private static final String ROLE_ARN_NOT_KEDA = "roleArn of PodIdentity can't be set if KEDA isn't identityOwner";
    private static final String EXTERNAL_ID_WITHOUT_ROLE = "externalID of PodIdentity requires roleArn to be set";

    /** KEDA's {@code createTriggerAuthenticationSpecWithPodIdentity}, arguments in its order. */
    static TriggerAuthenticationSpec podIdentity(PodIdentity.Provider provider, String roleArn, String identityId,
            String identityTenantId, String identityAuthorityHost, PodIdentity.IdentityOwner identityOwner, String externalId) {
        return spec(new PodIdentity(provider, identityId, identityTenantId, identityAuthorityHost, roleArn, externalId, identityOwner),
                null);
    }

    static TriggerAuthenticationSpec spec(PodIdentity podIdentity, String filePath) {
        return new TriggerAuthenticationSpec(podIdentity, null, null, null, filePath, null, null, null, null, null, null);
    }

    static Arguments ta(String sentence, String kedaTest, TriggerAuthenticationSpec spec, KedaDecision expected) {
        return Arguments.of(sentence, kedaTest, spec, false, expected);
    }

    static Arguments cta(String sentence, String kedaTest, TriggerAuthenticationSpec spec, KedaDecision expected) {
        return Arguments.of(sentence, kedaTest, spec, true, expected);
    }

    static Stream<Arguments> azureWorkload() {
        return Stream.of(
                ta("an azure-workload identity with an id and a tenant is admitted",
                        "validate triggerauthentication when IdentityTenantID is not nil and not empty",
                        podIdentity(AZURE_WORKLOAD, null, "12345", "12345", null, null, null), allowed()),
                ta("an azure-workload identity with an empty tenant is refused",
                        "validate triggerauthentication when IdentityTenantID is not nil but empty",
                        podIdentity(AZURE_WORKLOAD, null, "12345", "", null, null, null), denied(TENANT_EMPTY)),
                ta("an azure-workload identity with an authority host and a tenant is admitted",
                        "validate triggerauthentication when IdentityAuthorityHost is not nil and not empty and IdentityTenantID is not nil"
                                + " and not empty",
                        podIdentity(AZURE_WORKLOAD, null, "12345", "12345", "12345", null, null), allowed()),
                ta("an azure-workload identity with an authority host and no tenant is refused",
                        "validate triggerauthentication when IdentityAuthorityHost is not nil and not empty and IdentityTenantID is nil",
                        podIdentity(AZURE_WORKLOAD, null, "12345", null, "12345", null, null), denied(TENANT_MISSING)),
                ta("an azure-workload identity with an authority host and an empty tenant is refused",
                        "validate triggerauthentication when IdentityAuthorityHost is not nil and not empty and IdentityTenantID is not nil"
                                + " but empty",
                        podIdentity(AZURE_WORKLOAD, null, "12345", "", "12345", null, null), denied(TENANT_MISSING)));
    }

    static Stream<Arguments> aws() {
        return Stream.of(
                ta("an aws role without an owner is admitted",
                        "validate triggerauthentication when RoleArn is not empty and IdentityOwner is nil",
                        podIdentity(AWS, "Hello", null, null, null, null, null), allowed()),
                ta("an aws role owned by KEDA is admitted",
                        "validate triggerauthentication when RoleArn is not empty and IdentityOwner is keda",
                        podIdentity(AWS, "Hello", null, null, null, KEDA, null), allowed()),
                ta("an aws role owned by the workload is refused",
                        "validate triggerauthentication when RoleArn is not empty and IdentityOwner is workload",
                        podIdentity(AWS, "Hello", null, null, null, WORKLOAD, null), denied(ROLE_ARN_NOT_KEDA)),
                ta("KEDA as the aws owner without a role is admitted",
                        "validate triggerauthentication when RoleArn is empty and IdentityOwner is keda",
                        podIdentity(AWS, null, null, null, null, KEDA, null), allowed()),
                // KEDA's name repeats the case before last; its fixture has no roleArn.
                ta("the workload as the aws owner without a role is admitted",
                        "validate triggerauthentication when RoleArn is not empty and IdentityOwner is workload",
                        podIdentity(AWS, null, null, null, null, WORKLOAD, null), allowed()),
                cta("an aws role without an owner is admitted cluster-wide",
                        "validate clustertriggerauthentication when RoleArn is not empty and IdentityOwner is nil",
                        podIdentity(AWS, "Hello", null, null, null, null, null), allowed()),
                cta("an aws role owned by KEDA is admitted cluster-wide",
                        "validate clustertriggerauthentication when RoleArn is not empty and IdentityOwner is keda",
                        podIdentity(AWS, "Hello", null, null, null, KEDA, null), allowed()),
                cta("an aws role owned by the workload is refused cluster-wide",
                        "validate clustertriggerauthentication when RoleArn is not empty and IdentityOwner is workload",
                        podIdentity(AWS, "Hello", null, null, null, WORKLOAD, null), denied(ROLE_ARN_NOT_KEDA)),
                cta("KEDA as the aws owner without a role is admitted cluster-wide",
                        "validate clustertriggerauthentication when RoleArn is empty and IdentityOwner is keda",
                        podIdentity(AWS, null, null, null, null, KEDA, null), allowed()),
                // KEDA's name says a cluster kind with a roleArn; its fixture asks for a TriggerAuthentication without one.
                ta("the workload as the aws owner without a role is admitted whatever the case name says",
                        "validate clustertriggerauthentication when RoleArn is not empty and IdentityOwner is workload",
                        podIdentity(AWS, null, null, null, null, WORKLOAD, null), allowed()),
                ta("an aws external id with a role is admitted",
                        "validate triggerauthentication when ExternalID is set and RoleArn is set",
                        podIdentity(AWS, "arn:aws:iam::123456789012:role/MyRole", null, null, null, null, "my-external-id"), allowed()),
                ta("an aws external id without a role is refused",
                        "validate triggerauthentication when ExternalID is set and RoleArn is nil",
                        podIdentity(AWS, null, null, null, null, null, "my-external-id"), denied(EXTERNAL_ID_WITHOUT_ROLE)),
                ta("an aws external id with an empty role is refused",
                        "validate triggerauthentication when ExternalID is set and RoleArn is empty",
                        podIdentity(AWS, "", null, null, null, null, "my-external-id"), denied(EXTERNAL_ID_WITHOUT_ROLE)));
    }

    static Stream<Arguments> filePath() {
        return Stream.of(
                // KEDA's webhook has no filePath rule: it admits the object (its cluster case, which creates a namespaced
                // TriggerAuthentication too, asserts so) and every scaler build then fails with these words. Its test and
                // docs mean the namespaced kind to be refused, and Tide refuses it at admission.
                ta("a file path on a namespaced TriggerAuthentication is refused",
                        "validate triggerauthentication when FilePath is set",
                        spec(null, "/mnt/auth/creds.json"),
                        denied("filePath is only supported for ClusterTriggerAuthentication, got kind: TriggerAuthentication")),
                cta("a file path on a ClusterTriggerAuthentication is admitted",
                        "validate clustertriggerauthentication when FilePath is set",
                        spec(null, "/mnt/auth/creds.json"), allowed()));
    }

    @ParameterizedTest(name = "{0} [KEDA: {1}]")
    @MethodSource({"azureWorkload", "aws", "filePath"})
    void admitsOrRefusesAsKedasWebhookDoes(String sentence, String kedaTest, TriggerAuthenticationSpec spec, boolean clusterScoped,
            KedaDecision expected) {
        expected.verify(VALIDATOR.triggerAuthentication(spec, clusterScoped));
    }
}
