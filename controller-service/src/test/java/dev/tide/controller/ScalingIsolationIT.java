package dev.tide.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tide.controller.ControllableScalerFactory.Source;
import dev.tide.controller.scaling.ScaleLoops;
import dev.tide.keda.api.ScaledObject;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * One bad object never touches another: every kind of bad spec, a plugin that throws an Error or hangs in create(),
 * next to a healthy ScaledObject that keeps scaling, also across a leader hand-over; failures read as KEDA's do.
 */
class ScalingIsolationIT extends ScalingTestSupport {

    @Autowired
    ScaleLoops loops;

    /** What a bad ScaledObject's spec holds, and the field its Ready=False message must name. */
    static Stream<Arguments> badSpecs() {
        return Stream.of(
                Arguments.of("polling-zero", "pollingInterval: 0", "", "spec.pollingInterval: must be at least 1, got 0"),
                Arguments.of("min-negative", "minReplicaCount: -1", "", "spec.minReplicaCount: must be at least 0, got -1"),
                Arguments.of("cooldown-negative", "cooldownPeriod: -5", "", "spec.cooldownPeriod: must be at least 0, got -5"),
                Arguments.of("initial-cooldown-negative", "initialCooldownPeriod: -1", "",
                        "spec.initialCooldownPeriod: must be at least 0, got -1"),
                Arguments.of("max-zero", "maxReplicaCount: 0", "", "spec.maxReplicaCount: must be at least 1, got 0"),
                Arguments.of("idle-negative", "idleReplicaCount: -2", "", "spec.idleReplicaCount: must be at least 0, got -2"),
                Arguments.of("idle-not-below-min", "idleReplicaCount: 3\nminReplicaCount: 2", "",
                        "IdleReplicaCount=3 must be less than MinReplicaCount=2"),
                Arguments.of("target-path", "", "", "spec.scaleTargetRef.name: \"../../victim/deployments/victim\" is not a valid name"),
                Arguments.of("auth-ref-path", "", "authenticationRef:\n  name: ../secrets/x",
                        "spec.triggers[0] (tide-test).authenticationRef.name: \"../secrets/x\" is not a valid name"),
                Arguments.of("null-metadata", "", "", "spec.triggers[0] (tide-test).metadata.threshold: must not be null"),
                Arguments.of("plugin-error", "", "", "trigger[0] (tide-test): the scaler could not be built (NoClassDefFoundError)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badSpecs")
    void aBadScaledObjectIsRefusedNamingTheFieldAndItsNeighbourKeepsScaling(String bad, String specExtras,
            String triggerExtras, String message) {
        String ns = "bad-" + bad;
        Source healthy = ControllableScalerFactory.source(ns + "-healthy").value(0);
        deploy(ns, "healthy", 0, ns + "-healthy", "");
        applyBad(ns, bad, specExtras, triggerExtras);

        await().atMost(WAIT).untilAsserted(() -> assertThat(ReconcilerTestSupport.condition(ns, "bad", "Ready"))
                .hasValueSatisfying(ready -> {
                    assertThat(ready.status()).isEqualTo("False");
                    assertThat(ready.reason()).isEqualTo("ScaledObjectCheckFailed");
                    assertThat(ready.message()).contains(message);
                }));
        assertThat(ReconcilerTestSupport.events(ns)).anySatisfy(event -> {
            assertThat(event.getReason()).isEqualTo("ScaledObjectCheckFailed");
            assertThat(event.getInvolvedObject().getName()).isEqualTo("bad");
        });
        assertThat(replicas(ns, "bad")).as("nothing scaled the bad object's target").isEqualTo(0);

        // A leader hand-over restarts every loop; the healthy one keeps scaling through it.
        loops.stopAll();
        loops.startAll();
        healthy.value(9);
        awaitReplicas(ns, "healthy", 1, Duration.ofSeconds(3));
        assertThat(requestPaths()).as("no API path is built from an invalid name").noneMatch(path -> path.contains("victim")
                || path.contains("/..") || path.contains("secrets/x"));
    }

    @Test
    void aPluginThatHangsInCreateCostsOtherScaledObjectsNothing() {
        String ns = "hanging-create";
        applyBad(ns, "hang", "", "");
        Source healthy = ControllableScalerFactory.source(ns + "-healthy").value(0);
        deploy(ns, "healthy", 0, ns + "-healthy", "");
        healthy.value(3);
        awaitReplicas(ns, "healthy", 1, Duration.ofSeconds(3));
        await().atMost(WAIT).untilAsserted(() -> assertThat(ReconcilerTestSupport.condition(ns, "bad", "Ready"))
                .hasValueSatisfying(ready -> assertThat(ready.message()).contains("the scaler was not built within")));
        ControllableScalerFactory.HANGING_CREATE.countDown();
    }

    @Test
    void aFailingTriggerIsReportedOnceNamingItWhileItsFallbackServesAndHealthIsPrunedWhenItGoes() {
        String ns = "reporting";
        Source source = ControllableScalerFactory.source("reporting").value(10);
        deploy(ns, "worker", 1, "reporting", """
                fallback:
                  failureThreshold: 1
                  replicas: 2""");
        await().atMost(WAIT).until(() -> conditionReason(ns, "worker", "Active").equals("True/ScalerActive"));
        source.failing(true);
        await().atMost(WAIT).until(() -> conditionReason(ns, "worker", "Fallback").equals("True/FallbackExists"));
        // Several more passes with the same failure: still one event and one log line for it.
        int passes = passes(ns, "worker");
        await().atMost(WAIT).until(() -> passes(ns, "worker") >= passes + 3);

        assertThat(conditionReason(ns, "worker", "Ready")).isEqualTo("True/ScaledObjectReady");
        List<Event> failures = ReconcilerTestSupport.events(ns).stream().filter(e -> e.getReason().equals("KEDAScalerFailed")).toList();
        assertThat(failures).singleElement().satisfies(event -> {
            assertThat(event.getType()).isEqualTo("Warning");
            assertThat(event.getMessage()).isEqualTo("trigger[0] (tide-test): source reporting is down");
        });
        assertThat(MockCluster.logLines().stream()
                .filter(line -> line.contains("ScaledObject reporting/worker: trigger[0] (tide-test) cannot be read"))).hasSize(1);

        // The trigger goes: its health entry goes with it.
        source.failing(false);
        ControllableScalerFactory.source("reporting-next").value(10);
        CLIENT.resources(ScaledObject.class).inNamespace(ns).withName("worker").patch(PatchContext.of(PatchType.JSON),
                "[{\"op\":\"replace\",\"path\":\"/spec/triggers/0/metadata/source\",\"value\":\"reporting-next\"}]");
        await().atMost(WAIT).untilAsserted(() -> assertThat(ReconcilerTestSupport.scaledObject(ns, "worker").getStatus().getHealth())
                .containsOnlyKeys("s0-tide-test-reporting-next"));
    }

    private static void applyBad(String ns, String bad, String specExtras, String triggerExtras) {
        String target = bad.equals("target-path") ? "../../victim/deployments/victim" : "bad";
        String metadata = switch (bad) {
            case "null-metadata" -> "source: x\nthreshold: null";
            case "plugin-error" -> "source: x\nfailCreate: error";
            case "hang" -> "source: x\nfailCreate: hang";
            default -> "source: " + ns + "-bad";
        };
        ReconcilerTestSupport.apply(ns, ReconcilerTestSupport.deployment("bad", 0, "") + """
                apiVersion: keda.sh/v1alpha1
                kind: ScaledObject
                metadata:
                  name: bad
                spec:
                  scaleTargetRef:
                    name: %s
                %s
                  triggers:
                  - type: tide-test
                %s
                    metadata:
                %s
                """.formatted(target, specExtras.indent(2).stripTrailing(), triggerExtras.indent(4).stripTrailing(),
                metadata.indent(6).stripTrailing()));
    }

    /** The paths of every request the mock API server received, from its log. */
    private static List<String> requestPaths() {
        return MockCluster.logLines().stream().filter(line -> line.contains("received request: "))
                .map(line -> line.substring(line.indexOf("received request: "))).toList();
    }
}
