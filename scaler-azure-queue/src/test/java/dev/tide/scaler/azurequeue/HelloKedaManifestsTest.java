package dev.tide.scaler.azurequeue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tide.scaler.api.MetricSpec;
import dev.tide.scaler.api.MetricTargetType;
import dev.tide.scaler.api.MilliValue;
import dev.tide.scaler.api.ScaledObjectRef;
import dev.tide.scaler.api.Scaler;
import dev.tide.scaler.api.TriggerConfig;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * examples/hello-keda as a user applies it: the worker's environment comes from its Deployment's {@code env} and
 * {@code envFrom} Secret, and the ScaledObject's trigger, bound with that environment, is a valid azure-queue
 * trigger.
 */
class HelloKedaManifestsTest {

    private static final Path HELLO_KEDA = Path.of("..", "examples", "hello-keda");

    @Test
    void scaledObjectBindsIntoAnAzureQueueTriggerWithTheWorkersEnvironment() throws IOException {
        Map<String, Object> scaledObject = load("scaledobject.yaml");
        Map<String, Object> deployment = load("deployment.yaml");
        assertThat(scaledObject).containsEntry("apiVersion", "keda.sh/v1alpha1").containsEntry("kind", "ScaledObject");
        Map<String, Object> spec = map(scaledObject.get("spec"));
        assertThat(map(spec.get("scaleTargetRef")).get("name")).isEqualTo(map(deployment.get("metadata")).get("name"));
        Map<String, Object> trigger = map(list(spec.get("triggers")).get(0));
        Map<String, String> metadata = strings(map(trigger.get("metadata")));
        Map<String, Object> objectMeta = map(scaledObject.get("metadata"));

        TriggerConfig config = TriggerConfig.builder((String) trigger.get("type"))
                .scaledObject(ScaledObjectRef.scaledObject((String) objectMeta.get("namespace"), (String) objectMeta.get("name")))
                .triggerIndex(0)
                .metadata(metadata)
                .resolvedEnv(containerEnvironment(deployment))
                .build();

        AzureQueueTrigger bound = AzureQueueTrigger.parse(config);
        assertThat(bound.parameters().queueName()).isEqualTo("js-queue-items");
        assertThat(bound.access()).isInstanceOf(QueueAccess.ConnectionString.class);
        assertThat(bound.metricSpec()).isEqualTo(
                new MetricSpec("s0-azure-queue-js-queue-items", MetricTargetType.AVERAGE_VALUE, MilliValue.ofWhole(5)));
        try (Scaler scaler = new AzureQueueScalerFactory().create(config)) {
            assertThat(scaler.metricSpecs()).containsExactly(bound.metricSpec());
        }
    }

    /** The first container's environment, as Tide resolves it: {@code envFrom} Secrets, then {@code env}. */
    private static Map<String, String> containerEnvironment(Map<String, Object> deployment) throws IOException {
        Map<String, Object> podSpec = map(map(map(deployment.get("spec")).get("template")).get("spec"));
        Map<String, Object> container = map(list(podSpec.get("containers")).get(0));
        Map<String, String> env = new HashMap<>();
        for (Object source : list(container.getOrDefault("envFrom", List.of()))) {
            String secretName = (String) map(map(source).get("secretRef")).get("name");
            env.putAll(secretData(secretName));
        }
        for (Object variable : list(container.getOrDefault("env", List.of()))) {
            env.put((String) map(variable).get("name"), (String) map(variable).get("value"));
        }
        return env;
    }

    private static Map<String, String> secretData(String name) throws IOException {
        Map<String, Object> secret = load("secret.yaml");
        assertThat(secret).containsEntry("kind", "Secret");
        assertThat(map(secret.get("metadata")).get("name")).isEqualTo(name);
        Map<String, String> data = new HashMap<>();
        map(secret.getOrDefault("data", Map.of())).forEach((key, value) -> data.put(key,
                new String(Base64.getDecoder().decode((String) value), StandardCharsets.UTF_8)));
        data.putAll(strings(map(secret.getOrDefault("stringData", Map.of()))));
        return data;
    }

    private static Map<String, Object> load(String file) throws IOException {
        try (Reader reader = Files.newBufferedReader(HELLO_KEDA.resolve(file), StandardCharsets.UTF_8)) {
            return new Yaml().load(reader);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        return (List<Object>) value;
    }

    private static Map<String, String> strings(Map<String, Object> values) {
        Map<String, String> strings = new HashMap<>();
        values.forEach((key, value) -> strings.put(key, String.valueOf(value)));
        return strings;
    }
}
