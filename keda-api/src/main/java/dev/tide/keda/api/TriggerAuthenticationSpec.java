package dev.tide.keda.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * {@code TriggerAuthenticationSpec}, shared by TriggerAuthentication and ClusterTriggerAuthentication (KEDA
 * {@code triggerauthentication_types.go}). Every provider KEDA knows is accepted by the schema; which ones Tide
 * resolves is the reconciler's business.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record TriggerAuthenticationSpec(
        PodIdentity podIdentity,
        List<TargetRef> secretTargetRef,
        List<TargetRef> configMapTargetRef,
        List<EnvRef> env,
        @JsonPropertyDescription("JSON file of parameters; ClusterTriggerAuthentication only.") String filePath,
        HashiCorpVault hashiCorpVault,
        AzureKeyVault azureKeyVault,
        GcpSecretManager gcpSecretManager,
        AwsSecretManager awsSecretManager,
        List<BoundServiceAccountToken> boundServiceAccountToken,
        OAuth2 oauth2) {

    public TriggerAuthenticationSpec {
        secretTargetRef = Copies.list(secretTargetRef);
        configMapTargetRef = Copies.list(configMapTargetRef);
        env = Copies.list(env);
        boundServiceAccountToken = Copies.list(boundServiceAccountToken);
    }

    /** The providers this spec uses that read from outside the cluster; empty when only Kubernetes sources are used. */
    public List<String> externalProviders() {
        return Stream.of(
                        filePath == null ? null : "filePath",
                        hashiCorpVault == null ? null : "hashiCorpVault",
                        azureKeyVault == null ? null : "azureKeyVault",
                        gcpSecretManager == null ? null : "gcpSecretManager",
                        awsSecretManager == null ? null : "awsSecretManager",
                        boundServiceAccountToken.isEmpty() ? null : "boundServiceAccountToken",
                        oauth2 == null ? null : "oauth2")
                .filter(Objects::nonNull)
                .toList();
    }

    /**
     * {@code podIdentity} (KEDA {@code AuthPodIdentity}).
     *
     * @param identityOwner {@code keda} or {@code workload} (aws)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PodIdentity(
            @Required Provider provider,
            String identityId,
            String identityTenantId,
            String identityAuthorityHost,
            String roleArn,
            @JsonProperty("externalID") String externalID,
            IdentityOwner identityOwner) {

        /** KEDA's {@code PodIdentityProvider} values. */
        public enum Provider {
            @JsonProperty("none") NONE,
            @JsonProperty("azure-workload") AZURE_WORKLOAD,
            @JsonProperty("gcp") GCP,
            @JsonProperty("aws") AWS,
            @JsonProperty("aws-eks") AWS_EKS;

            /** The value as written in YAML. */
            public String yamlName() {
                return switch (this) {
                    case NONE -> "none";
                    case AZURE_WORKLOAD -> "azure-workload";
                    case GCP -> "gcp";
                    case AWS -> "aws";
                    case AWS_EKS -> "aws-eks";
                };
            }
        }

        /** Whose identity AWS calls use. */
        public enum IdentityOwner {
            @JsonProperty("keda") KEDA,
            @JsonProperty("workload") WORKLOAD
        }
    }

    /** {@code secretTargetRef[]} / {@code configMapTargetRef[]}: key {@code key} of object {@code name} becomes {@code parameter}. */
    public record TargetRef(@Required String parameter, @Required String name, @Required String key) {
    }

    /** {@code env[]}: environment variable {@code name} of the target's container becomes {@code parameter}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record EnvRef(@Required String parameter, @Required String name, String containerName) {
    }

    /** {@code valueFrom.secretKeyRef}, as the cloud providers' credentials spell it. */
    public record ValueFromSecret(@Required ValueFrom valueFrom) {
        public record ValueFrom(@Required SecretKeyRef secretKeyRef) {
        }

        public record SecretKeyRef(@Required String name, @Required String key) {
        }
    }

    /** {@code hashiCorpVault}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record HashiCorpVault(
            @Required String address,
            String namespace,
            @Required @JsonPropertyDescription("token or kubernetes") String authentication,
            String role,
            String mount,
            Credential credential,
            @Required List<VaultSecret> secrets) {

        @JsonInclude(JsonInclude.Include.NON_NULL)
        public record Credential(String token, String serviceAccount, String serviceAccountName) {
        }

        @JsonInclude(JsonInclude.Include.NON_NULL)
        public record VaultSecret(
                @Required String parameter,
                @Required String path,
                @Required String key,
                @JsonPropertyDescription("empty, secretV2, secret or pki") String type,
                PkiData pkiData) {
        }

        @JsonInclude(JsonInclude.Include.NON_NULL)
        public record PkiData(String commonName, String altNames, String ipSans, String uriSans, String otherSans,
                String ttl, String format) {
        }
    }

    /** {@code azureKeyVault}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AzureKeyVault(
            @Required String vaultUri,
            @Required List<AzureKeyVaultSecret> secrets,
            Credentials credentials,
            PodIdentity podIdentity,
            Cloud cloud) {

        @JsonInclude(JsonInclude.Include.NON_NULL)
        public record AzureKeyVaultSecret(@Required String parameter, @Required String name, String version) {
        }

        @JsonInclude(JsonInclude.Include.NON_NULL)
        public record Credentials(String clientId, String tenantId, ValueFromSecret clientSecret) {
        }

        @JsonInclude(JsonInclude.Include.NON_NULL)
        public record Cloud(@Required String type, String keyVaultResourceURL, String activeDirectoryEndpoint) {
        }
    }

    /** {@code gcpSecretManager}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record GcpSecretManager(@Required List<GcpSecret> secrets, Credentials credentials, PodIdentity podIdentity) {

        @JsonInclude(JsonInclude.Include.NON_NULL)
        public record GcpSecret(@Required String parameter, @Required String id, String version) {
        }

        public record Credentials(@Required ValueFromSecret clientSecret) {
        }
    }

    /** {@code awsSecretManager}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AwsSecretManager(
            @Required List<AwsSecret> secrets,
            Credentials credentials,
            PodIdentity podIdentity,
            String region) {

        @JsonInclude(JsonInclude.Include.NON_NULL)
        public record AwsSecret(@Required String parameter, @Required String name, String versionId,
                String versionStage, String secretKey) {
        }

        @JsonInclude(JsonInclude.Include.NON_NULL)
        public record Credentials(@Required ValueFromSecret accessKey, @Required ValueFromSecret accessSecretKey,
                ValueFromSecret accessToken) {
        }
    }

    /** {@code boundServiceAccountToken[]}: a token minted for {@code serviceAccountName} becomes {@code parameter}. */
    public record BoundServiceAccountToken(@Required String parameter, @Required String serviceAccountName) {
    }

    /** {@code oauth2}: client-credentials settings exposed as auth parameters. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record OAuth2(
            @JsonPropertyDescription("clientCredentials (the default)") String type,
            @Required String clientId,
            ValueFromSecret clientSecret,
            @Required String tokenUrl,
            List<String> scopes,
            Map<String, String> tokenUrlParams) {
    }
}
