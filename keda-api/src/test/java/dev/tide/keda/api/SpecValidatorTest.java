package dev.tide.keda.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every check before anything acts: the field named, the value quoted, nothing thrown while reading. */
class SpecValidatorTest {

    private static final KubernetesSerialization JSON = new KubernetesSerialization();

    static ScaledObjectSpec spec(String extras, String trigger) {
        return JSON.unmarshal("""
                {"scaleTargetRef": {"name": "worker"}, "triggers": [%s] %s}
                """.formatted(trigger, extras), ScaledObjectSpec.class);
    }

    static final String QUEUE = "{\"type\": \"azure-queue\", \"name\": \"orders\", \"metadata\": {\"queueName\": \"q\"}}";

    static Stream<Arguments> specs() {
        return Stream.of(
                Arguments.of("a plain spec", spec("", QUEUE), ""),
                Arguments.of("pollingInterval 0", spec(", \"pollingInterval\": 0", QUEUE), "spec.pollingInterval: must be at least 1, got 0"),
                Arguments.of("negative cooldown", spec(", \"cooldownPeriod\": -1", QUEUE), "spec.cooldownPeriod: must be at least 0, got -1"),
                Arguments.of("negative initial cooldown", spec(", \"initialCooldownPeriod\": -3", QUEUE),
                        "spec.initialCooldownPeriod: must be at least 0, got -3"),
                Arguments.of("negative min", spec(", \"minReplicaCount\": -1", QUEUE), "spec.minReplicaCount: must be at least 0, got -1"),
                Arguments.of("max 0", spec(", \"maxReplicaCount\": 0", QUEUE), "spec.maxReplicaCount: must be at least 1, got 0"),
                Arguments.of("negative idle", spec(", \"idleReplicaCount\": -1", QUEUE), "spec.idleReplicaCount: must be at least 0, got -1"),
                Arguments.of("min above max", spec(", \"minReplicaCount\": 5, \"maxReplicaCount\": 2", QUEUE),
                        "MinReplicaCount=5 must be less than MaxReplicaCount=2"),
                Arguments.of("idle not below min", spec(", \"idleReplicaCount\": 2, \"minReplicaCount\": 2", QUEUE),
                        "IdleReplicaCount=2 must be less than MinReplicaCount=2"),
                Arguments.of("no target name", JSON.unmarshal("{\"scaleTargetRef\": {}, \"triggers\": [" + QUEUE + "]}",
                        ScaledObjectSpec.class), "spec.scaleTargetRef.name: is required"),
                Arguments.of("a path as the target name", JSON.unmarshal("{\"scaleTargetRef\": {\"name\": \"../b/deployments/x\"},"
                        + " \"triggers\": [" + QUEUE + "]}", ScaledObjectSpec.class),
                        "spec.scaleTargetRef.name: \"../b/deployments/x\" is not a valid name"),
                Arguments.of("an upper-case target name", JSON.unmarshal("{\"scaleTargetRef\": {\"name\": \"Worker\"},"
                        + " \"triggers\": [" + QUEUE + "]}", ScaledObjectSpec.class), "spec.scaleTargetRef.name: \"Worker\" is not a valid name"),
                Arguments.of("a bad apiVersion", JSON.unmarshal("{\"scaleTargetRef\": {\"name\": \"w\", \"apiVersion\": \"apps/../v1\"},"
                        + " \"triggers\": [" + QUEUE + "]}", ScaledObjectSpec.class), "spec.scaleTargetRef.apiVersion: \"apps/../v1\" is not an API version"),
                Arguments.of("a version and a kind as a CRD may name them", JSON.unmarshal("{\"scaleTargetRef\": {\"name\": \"w\","
                        + " \"apiVersion\": \"example.com/stable\", \"kind\": \"custom-kind\"}, \"triggers\": [" + QUEUE + "]}",
                        ScaledObjectSpec.class), ""),
                Arguments.of("an upper-case version", JSON.unmarshal("{\"scaleTargetRef\": {\"name\": \"w\", \"apiVersion\": \"apps/V1\"},"
                        + " \"triggers\": [" + QUEUE + "]}", ScaledObjectSpec.class), "spec.scaleTargetRef.apiVersion: \"apps/V1\" is not an API version"),
                Arguments.of("a bad kind", JSON.unmarshal("{\"scaleTargetRef\": {\"name\": \"w\", \"kind\": \"deploy/ments\"},"
                        + " \"triggers\": [" + QUEUE + "]}", ScaledObjectSpec.class), "spec.scaleTargetRef.kind: \"deploy/ments\" is not a kind"),
                Arguments.of("a bad env source container", JSON.unmarshal("{\"scaleTargetRef\": {\"name\": \"w\", "
                        + "\"envSourceContainerName\": \"a.b\"}, \"triggers\": [" + QUEUE + "]}", ScaledObjectSpec.class),
                        "spec.scaleTargetRef.envSourceContainerName: \"a.b\" is not a valid name: it must be a DNS-1123 label"),
                Arguments.of("a null metadata value", spec("", "{\"type\": \"kafka\", \"metadata\": {\"topic\": null}}"),
                        "spec.triggers[0] (kafka).metadata.topic: must not be null"),
                Arguments.of("a null trigger", spec("", "null"), "spec.triggers[0]: must not be null"),
                Arguments.of("a trigger without a type", spec("", "{\"metadata\": {}}"), "spec.triggers[0] (no type).type: is required"),
                Arguments.of("an authenticationRef that is a path", spec("", "{\"type\": \"kafka\", \"name\": \"k\", \"metadata\": {},"
                        + " \"authenticationRef\": {\"name\": \"../x\"}}"),
                        "spec.triggers[0] (kafka \"k\").authenticationRef.name: \"../x\" is not a valid name"),
                Arguments.of("a huge metadata value", spec("", "{\"type\": \"kafka\", \"metadata\": {\"q\": \"" + "x".repeat(20_000) + "\"}}"),
                        "spec.triggers[0] (kafka).metadata.q: is 20000 characters long; at most 16384 are allowed"),
                Arguments.of("too many triggers", spec("", String.join(",", java.util.Collections.nCopies(65, QUEUE))),
                        "spec.triggers: has 65 triggers; at most 64 are allowed"),
                Arguments.of("a negative fallback", spec(", \"fallback\": {\"failureThreshold\": -1, \"replicas\": 2}", QUEUE),
                        "spec.fallback.failureThreshold: must be at least 0, got -1"),
                Arguments.of("a bad HPA name", spec(", \"advanced\": {\"horizontalPodAutoscalerConfig\": {\"name\": \"a/b\"}}", QUEUE),
                        "spec.advanced.horizontalPodAutoscalerConfig.name: \"a/b\" is not a valid name"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specs")
    void refusesWhatWouldBeActedOnWrongNamingTheField(String name, ScaledObjectSpec spec, String problem) {
        var problems = SpecValidator.problems(spec).stream().map(Object::toString).toList();
        if (problem.isEmpty()) {
            assertThat(problems).isEmpty();
        } else {
            assertThat(problems).anySatisfy(p -> assertThat(p).startsWith(problem));
        }
    }

    static Stream<Arguments> authentications() {
        return Stream.of(
                Arguments.of("secret names are checked", "{\"secretTargetRef\": [{\"parameter\": \"p\", \"name\": \"../s\", \"key\": \"k\"}]}",
                        "spec.secretTargetRef[0].name: \"../s\" is not a valid name"),
                Arguments.of("config map names are checked", "{\"configMapTargetRef\": [{\"parameter\": \"p\", \"name\": \"A\", \"key\": \"k\"}]}",
                        "spec.configMapTargetRef[0].name: \"A\" is not a valid name"),
                Arguments.of("a valid one passes", "{\"secretTargetRef\": [{\"parameter\": \"p\", \"name\": \"s\", \"key\": \"k\"}]}", ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("authentications")
    void triggerAuthenticationNamesThatReachAnApiPathAreChecked(String name, String json, String problem) {
        var problems = SpecValidator.problems(JSON.unmarshal(json, TriggerAuthenticationSpec.class)).stream().map(Object::toString).toList();
        if (problem.isEmpty()) {
            assertThat(problems).isEmpty();
        } else {
            assertThat(problems).anySatisfy(p -> assertThat(p).startsWith(problem));
        }
    }
}
