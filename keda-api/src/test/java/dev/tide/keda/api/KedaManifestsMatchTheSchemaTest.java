package dev.tide.keda.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every keda.sh manifest of examples/keda-manifests/ validates against the generated CRD schema (made strict: an
 * unknown field fails, as kubectl's field validation does) and reads into the Java types without losing a field.
 */
class KedaManifestsMatchTheSchemaTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final Map<String, Class<? extends HasMetadata>> TYPES = Map.of(
            "ScaledObject", ScaledObject.class,
            "ScaledJob", ScaledJob.class,
            "TriggerAuthentication", TriggerAuthentication.class,
            "ClusterTriggerAuthentication", ClusterTriggerAuthentication.class);
    private static final Map<String, String> CRD_FILES = Map.of(
            "ScaledObject", "scaledobjects.keda.sh-v1.yml",
            "ScaledJob", "scaledjobs.keda.sh-v1.yml",
            "TriggerAuthentication", "triggerauthentications.keda.sh-v1.yml",
            "ClusterTriggerAuthentication", "clustertriggerauthentications.keda.sh-v1.yml");

    static Stream<Arguments> kedaManifests() {
        return KedaManifests.kedaDocuments().stream().map(d -> Arguments.of(d.label(), d.node()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kedaManifests")
    void manifestSpecValidatesAgainstTheCrdSchema(String label, JsonNode manifest) {
        assertThat(specSchema(manifest.path("kind").asText()).validate(manifest.path("spec")))
                .as(label)
                .isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kedaManifests")
    void manifestReadsIntoTheJavaTypesWithoutLosingAField(String label, JsonNode manifest) throws IOException {
        HasMetadata typed = SERIALIZATION.unmarshal(JSON.writeValueAsString(manifest), TYPES.get(manifest.path("kind").asText()));

        JsonNode roundTripped = JSON.readTree(SERIALIZATION.asJson(typed));

        assertThat(roundTripped.path("spec")).as(label).isEqualTo(manifest.path("spec"));
        assertThat(typed.getMetadata().getName()).isEqualTo(manifest.path("metadata").path("name").asText());
    }

    @Test
    void schemaRejectsAScaledObjectWithoutTargetOrTriggersAndWithAnUnknownField() throws IOException {
        JsonNode spec = JSON.readTree("{\"pollingInterval\": 0, \"scaleTargetRf\": {\"name\": \"x\"}}");

        assertThat(specSchema("ScaledObject").validate(spec).stream().map(Object::toString))
                .anySatisfy(e -> assertThat(e).contains("scaleTargetRef"))
                .anySatisfy(e -> assertThat(e).contains("triggers"))
                .anySatisfy(e -> assertThat(e).contains("scaleTargetRf"))
                .anySatisfy(e -> assertThat(e).contains("pollingInterval"));
    }

    @Test
    void scaledObjectCrdCarriesKedasReplicaBoundsRuleShortNameAndStatusSubresource() throws IOException {
        JsonNode crd = crd("ScaledObject");
        JsonNode version = crd.path("spec").path("versions").get(0);

        assertThat(version.at("/schema/openAPIV3Schema/properties/spec/x-kubernetes-validations/0/rule").asText())
                .isEqualTo("!has(self.minReplicaCount) || self.minReplicaCount <= (has(self.maxReplicaCount) ? self.maxReplicaCount : 100)");
        assertThat(crd.at("/spec/names/shortNames").toString()).isEqualTo("[\"so\"]");
        assertThat(version.path("subresources").has("status")).isTrue();
        assertThat(version.path("additionalPrinterColumns").findValuesAsText("name")).containsExactly(
                "ScaleTargetKind", "ScaleTargetName", "Min", "Max", "Ready", "Active", "Fallback", "Paused", "Triggers",
                "Authentications", "Age");
        assertThat(crd("TriggerAuthentication").at("/spec/names/shortNames").toString()).isEqualTo("[\"ta\",\"triggerauth\"]");
        assertThat(crd("ClusterTriggerAuthentication").at("/spec/scope").asText()).isEqualTo("Cluster");
    }

    private static Schema specSchema(String kind) {
        try {
            JsonNode spec = crd(kind).at("/spec/versions/0/schema/openAPIV3Schema/properties/spec").deepCopy();
            strict(spec);
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4).getSchema(spec);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode crd(String kind) throws IOException {
        return new YAMLMapper().readTree(Files.readString(GeneratedCrds.CHART_CRDS.resolve(CRD_FILES.get(kind))));
    }

    /** Structural schemas prune unknown fields silently; for a manifest check, an unknown field is an error. */
    private static void strict(JsonNode schema) {
        if (schema instanceof ObjectNode object) {
            if (object.has("properties") && !object.has("additionalProperties")
                    && !object.has("x-kubernetes-preserve-unknown-fields")) {
                object.put("additionalProperties", false);
            }
            object.properties().forEach(e -> strict(e.getValue()));
        } else if (schema != null && schema.isArray()) {
            schema.forEach(KedaManifestsMatchTheSchemaTest::strict);
        }
    }
}
