package dev.tide.keda.api.validation;

import static dev.tide.keda.api.validation.KedaDecision.allowed;
import static dev.tide.keda.api.validation.KedaDecision.denied;
import static dev.tide.keda.api.validation.KedaDecision.deniedContaining;
import static dev.tide.keda.api.validation.KedaFixtures.DEPLOYMENT;
import static dev.tide.keda.api.validation.KedaFixtures.SO_NAME;
import static dev.tide.keda.api.validation.KedaFixtures.STATEFUL_SET;
import static dev.tide.keda.api.validation.KedaFixtures.WORKLOAD_NAME;
import static dev.tide.keda.api.validation.KedaFixtures.annotated;
import static dev.tide.keda.api.validation.KedaFixtures.cluster;
import static dev.tide.keda.api.validation.KedaFixtures.cpu;
import static dev.tide.keda.api.validation.KedaFixtures.create;
import static dev.tide.keda.api.validation.KedaFixtures.dryRun;
import static dev.tide.keda.api.validation.KedaFixtures.hpa;
import static dev.tide.keda.api.validation.KedaFixtures.kubernetesWorkload;
import static dev.tide.keda.api.validation.KedaFixtures.limitRange;
import static dev.tide.keda.api.validation.KedaFixtures.podSpec;
import static dev.tide.keda.api.validation.KedaFixtures.podSpecWithLimit;
import static dev.tide.keda.api.validation.KedaFixtures.podSpecWithoutRequests;
import static dev.tide.keda.api.validation.KedaFixtures.scaledObject;
import static dev.tide.keda.api.validation.KedaFixtures.scaledObjectSTZ;
import static dev.tide.keda.api.validation.KedaFixtures.trigger;
import static dev.tide.keda.api.validation.KedaFixtures.update;

import dev.tide.keda.api.Advanced.ScalingModifiers;
import dev.tide.keda.api.KedaApi;
import dev.tide.keda.api.ScaleTrigger.MetricType;
import dev.tide.keda.api.ScaledObject;
import dev.tide.keda.api.validation.KedaFixtures.Admission;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBehaviorBuilder;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * KEDA's ScaledObject admission cases ({@code apis/keda/v1alpha1/scaledobject_webhook_test.go}, envtest), first
 * half: other objects, replicas, fallback, cpu/memory requests, names. The scaling modifier and warning cases are in
 * {@link KedaScaledObjectModifiersAndWarningsParityTest}. Each row carries the name of KEDA's case.
 *
 * <p>Read KEDA's denials with care: they are written {@code Eventually(create).Should(HaveOccurred())}, which also
 * passes when the first create succeeds and the retry fails with AlreadyExists. A denial here is KEDA's only where
 * a rule of its webhook (or its CRD schema) produces it; the rows where none does say so.
 */
class KedaScaledObjectWebhookParityTest {

    private static final Map<String, String> TRANSFER = Map.of(KedaApi.TRANSFER_HPA_OWNERSHIP, "true");

    static Arguments row(String sentence, String kedaTest, Admission admission, KedaDecision expected) {
        return Arguments.of(sentence, kedaTest, admission, expected);
    }

    static Stream<Arguments> otherObjects() {
        ScaledObject own = scaledObject(false).build();
        return Stream.of(
                row("a ScaledObject is admitted when no HPA exists",
                        "should validate the so creation when there isn't any hpa",
                        create(scaledObject(false), cluster()), allowed()),
                row("a ScaledObject is admitted beside ScaledObjects of other workloads",
                        "should validate the so creation when there are other SO for other workloads",
                        create(scaledObject("other-so-name", "other-workload", "apps/v1", DEPLOYMENT, false, Map.of(), ""),
                                cluster().with(own)), allowed()),
                row("a ScaledObject is admitted beside one that scales a workload of the same name but another kind",
                        "should validate the so creation when another SO targets the same name with a different Kind",
                        create(scaledObject("so-for-statefulset", "shared-target", "apps/v1", STATEFUL_SET, false, Map.of(), ""),
                                cluster().with(scaledObject("so-for-deployment", "shared-target", "apps/v1", DEPLOYMENT, false,
                                        Map.of(), "").build())), allowed()),
                row("a ScaledObject is admitted beside HPAs of other workloads",
                        "should validate the so creation when there are other HPA for other workloads",
                        create(scaledObject(false), cluster().with(hpa("other-hpa-name", "other-workload", "apps/v1", DEPLOYMENT, null))),
                        allowed()),
                row("a ScaledObject is admitted when the HPA of its workload is owned by it",
                        "should validate the so creation when it's own hpa is already generated",
                        create(scaledObject(false), cluster().with(hpa("test-so-hpa", WORKLOAD_NAME, "apps/v1", DEPLOYMENT, SO_NAME))),
                        allowed()),
                row("an update is admitted when the HPA of the workload is owned by the ScaledObject",
                        "should validate the so update when it's own hpa is already generated",
                        update(own, scaledObject(false).max(7),
                                cluster().with(own).with(hpa("test-so-hpa", WORKLOAD_NAME, "apps/v1", DEPLOYMENT, SO_NAME))),
                        allowed()),
                row("a ScaledObject is refused when another HPA already scales its workload",
                        "shouldn't validate the so creation when there is another unmanaged hpa",
                        create(scaledObject(false), cluster().with(hpa("test-unmanaged-hpa", WORKLOAD_NAME, "apps/v1", DEPLOYMENT, null))),
                        denied("the workload 'deployment-name' of type 'apps/v1.Deployment' is already managed by the hpa 'test-unmanaged-hpa'")),
                row("a ScaledObject that takes over another HPA by name is admitted",
                        "should validate the so creation when there is another unmanaged hpa and so has transfer-hpa-ownership"
                                + " activated and the name is specified",
                        create(scaledObject(SO_NAME, WORKLOAD_NAME, "apps/v1", DEPLOYMENT, false, TRANSFER,
                                        "test-unmanaged-hpa-ownership-with-name"),
                                cluster().with(hpa("test-unmanaged-hpa-ownership-with-name", WORKLOAD_NAME, "apps/v1", DEPLOYMENT, null))),
                        allowed()),
                row("a ScaledObject that asks to take over another HPA without naming it is refused",
                        "shouldn't validate the so creation when there is another unmanaged hpa and so has transfer-hpa-ownership"
                                + " activated but no name specified",
                        create(scaledObject(SO_NAME, WORKLOAD_NAME, "apps/v1", DEPLOYMENT, false, TRANSFER, ""),
                                cluster().with(hpa("test-unmanaged-hpa-ownership-without-name", WORKLOAD_NAME, "apps/v1", DEPLOYMENT, null))),
                        denied("the existing hpa 'test-unmanaged-hpa-ownership-without-name' for workload 'deployment-name' of type"
                                + " 'apps/v1.Deployment' must be specified by name in advanced settings to enable ownership transfer")),
                // KEDA's name says "shouldn't", its assertion (ShouldNot(HaveOccurred())) and its rule say admitted.
                row("a ScaledObject is admitted beside an HPA that opts out of the ownership check",
                        "shouldn't validate the so creation when hpa has shared-ownership unactivated",
                        create(scaledObject(SO_NAME, WORKLOAD_NAME, "apps/v1", DEPLOYMENT, false,
                                        Map.of(KedaApi.TRANSFER_HPA_OWNERSHIP, "false"), "test-hpa-disabled-validation-by-hpa-ownership"),
                                cluster().with(annotated(hpa("test-hpa-disabled-validation-by-hpa-ownership", WORKLOAD_NAME, "apps/v1",
                                        DEPLOYMENT, null), Map.of(ClusterRules.HPA_OWNERSHIP_VALIDATION, "false")))),
                        allowed()),
                row("a ScaledObject is refused when another ScaledObject already scales its workload",
                        "shouldn't validate the so creation when there is another so",
                        create(scaledObject(false), cluster().with(scaledObject("test-so2", WORKLOAD_NAME, "apps/v1", DEPLOYMENT, false,
                                Map.of(), "").build())),
                        denied("the workload 'deployment-name' of type 'apps/v1.Deployment' is already managed by the ScaledObject 'test-so2'")),
                // In KEDA's envtest no API serves custom-kind, so the webhook answers with the RESTMapper's raw error
                // (no matches for kind "custom-kind" in version "custom-api/v1") before it reaches the HPA. Tide resolves
                // no kinds at admission and refuses for the reason the case is named after.
                row("a ScaledObject of a custom kind is refused when another HPA already scales the workload",
                        "shouldn't validate the so creation when there is another hpa with custom apis",
                        create(scaledObject(SO_NAME, WORKLOAD_NAME, "custom-api/v1", "custom-kind", false, Map.of(), ""),
                                cluster().with(hpa("test-custom-hpa", WORKLOAD_NAME, "custom-api/v1", "custom-kind", null))),
                        denied("the workload 'deployment-name' of type 'custom-api/v1.custom-kind' is already managed by the hpa 'test-custom-hpa'")));
    }

    static Stream<Arguments> replicasAndFallback() {
        return Stream.of(
                // In a cluster KEDA's CRD rule answers first ("minReplicaCount must be less than or equal to
                // maxReplicaCount"); Tide's CRD has the same rule, its validator KEDA's webhook words.
                row("a ScaledObject whose minimum exceeds its maximum is refused",
                        "shouldn't validate the so creation when the replica counts are wrong",
                        create(scaledObject(false).min(10).max(5), cluster()),
                        denied("MinReplicaCount=10 must be less than MaxReplicaCount=5")),
                // In a cluster KEDA's CRD (minimum 0) answers first; the webhook's own words are these.
                row("a ScaledObject with a negative fallback is refused",
                        "shouldn't validate the so creation when the fallback is wrong",
                        create(scaledObject(false).fallback(-1, -3, null), cluster()),
                        denied("FailureThreshold=-1 & Replicas=-3 must both be greater than or equal to 0")),
                // KEDA asserts a denial that no rule produces (the assertion passes on the retry's AlreadyExists): the
                // fixture has a cron trigger besides cpu and memory, and KEDA's rule and docs want just that for a
                // fallback. Tide admits it. The cpu/memory-only refusal is in KedaValidateTriggersParityTest.
                row("a fallback is admitted when a cron trigger stands beside the cpu and memory ones",
                        "shouldn't validate the so creation when the fallback is configured and only cpu/memory triggers are used.",
                        create(scaledObject(true).fallback(3, 6, null).metricTypes(MetricType.AverageValue),
                                cluster().withWorkload(DEPLOYMENT, WORKLOAD_NAME, podSpec(true, true))),
                        allowed()),
                row("a fallback is admitted when a trigger other than cpu or memory has the AverageValue type",
                        "should validate the so creation when the fallback is configured, and at least one trigger (besides cpu/memory)"
                                + " is configured.",
                        create(scaledObject(true).addTriggers(kubernetesWorkload("workload_trig_1", MetricType.Value),
                                        kubernetesWorkload("workload_trig_2", MetricType.AverageValue)).fallback(3, 6, null),
                                cluster().withWorkload(DEPLOYMENT, WORKLOAD_NAME, podSpec(true, true))),
                        allowed()),
                // KEDA's name says admitted, its rules admit it, its assertion (vacuous, as above) says refused.
                row("a fallback with scaling modifiers is admitted",
                        "should validate the so creation when the fallback is configured, and so uses ScalingModifiers.",
                        create(scaledObject(true).addTriggers(kubernetesWorkload("workload_trig_1", MetricType.Value),
                                        kubernetesWorkload("workload_trig_2", MetricType.Value)).fallback(3, 6, null)
                                        .modifiers(new ScalingModifiers("workload_trig_1 + workload_trig_2", "2", null, MetricType.Value)),
                                cluster().withWorkload(DEPLOYMENT, WORKLOAD_NAME, podSpec(true, true))),
                        allowed()));
    }

    static Stream<Arguments> cpuAndMemory() {
        String noCpu = "the scaledobject has a cpu trigger but the container test doesn't have the cpu request defined";
        String noMemory = "the scaledobject has a memory trigger but the container test doesn't have the memory request defined";
        return Stream.of(
                row("cpu and memory triggers are admitted when the Deployment requests both",
                        "should validate the so creation with cpu and memory when deployment has requests",
                        create(scaledObject(true), cluster().withWorkload(DEPLOYMENT, WORKLOAD_NAME, podSpec(true, true))), allowed()),
                row("cpu and memory triggers are refused with the API's error when the Deployment does not exist",
                        "shouldn't validate the creation with cpu and memory when deployment is missing",
                        create(scaledObject(true), cluster()), deniedContaining("deployments.apps \"deployment-name\" not found")),
                row("cpu and memory triggers are admitted in a dry run although the Deployment does not exist",
                        "should validate the creation with cpu and memory when deployment is missing and dry-run is true",
                        dryRun(scaledObject(true), cluster()), allowed()),
                row("a memory trigger is refused when the Deployment requests no memory",
                        "shouldn't validate the so creation with cpu and memory when deployment hasn't got memory request",
                        create(scaledObject(true), cluster().withWorkload(DEPLOYMENT, WORKLOAD_NAME, podSpec(true, false))),
                        denied(noMemory)),
                row("a cpu trigger is refused first when the Deployment requests neither cpu nor memory",
                        "shouldn't validate the SO creation with CPU and memory when deployment doesn't have CPU and memory",
                        create(scaledObject(true), cluster().withWorkload(DEPLOYMENT, WORKLOAD_NAME, podSpec(false, false))),
                        denied(noCpu)),
                row("cpu and memory triggers are admitted when a LimitRange gives containers defaults",
                        "should validate the SO creation with CPU and memory when deployment doesn't have CPU and memory, but LimitRange"
                                + " has the limits specified",
                        create(scaledObject(true), cluster().withWorkload(DEPLOYMENT, WORKLOAD_NAME, podSpec(false, false))
                                .with(limitRange("test-limit-range", "100m", "100m"))),
                        allowed()),
                row("a cpu trigger is refused when the Deployment requests no cpu",
                        "shouldn't validate the so creation with cpu and memory when deployment hasn't got cpu request",
                        create(scaledObject(true), cluster().withWorkload(DEPLOYMENT, WORKLOAD_NAME, podSpec(false, true))),
                        denied(noCpu)),
                row("cpu and memory triggers are admitted when the StatefulSet requests both",
                        "should validate the so creation with cpu and memory when statefulset has requests",
                        create(scaledObject(SO_NAME, WORKLOAD_NAME, "apps/v1", STATEFUL_SET, true, Map.of(), ""),
                                cluster().withWorkload(STATEFUL_SET, WORKLOAD_NAME, podSpec(true, true))),
                        allowed()),
                row("a memory trigger is refused when the StatefulSet requests no memory",
                        "shouldn't validate the so creation with cpu and memory when statefulset hasn't got memory request",
                        create(scaledObject(SO_NAME, WORKLOAD_NAME, "apps/v1", STATEFUL_SET, true, Map.of(), ""),
                                cluster().withWorkload(STATEFUL_SET, WORKLOAD_NAME, podSpec(true, false))),
                        denied(noMemory)),
                row("a cpu trigger is refused when the StatefulSet requests no cpu",
                        "shouldn't validate the so creation with cpu and memory when statefulset hasn't got cpu request",
                        create(scaledObject(SO_NAME, WORKLOAD_NAME, "apps/v1", STATEFUL_SET, true, Map.of(), ""),
                                cluster().withWorkload(STATEFUL_SET, WORKLOAD_NAME, podSpec(false, true))),
                        denied(noCpu)),
                row("cpu and memory triggers on a workload outside apps/v1 are admitted without looking for requests",
                        "should validate the so creation without cpu and memory when custom resources",
                        create(scaledObject(SO_NAME, WORKLOAD_NAME, "custom-api", STATEFUL_SET, true, Map.of(), ""), cluster()),
                        allowed()),
                row("a cpu trigger may scale to zero beside another trigger",
                        "should validate so creation when all requirements are met for scaling to zero with cpu scaler",
                        create(scaledObjectSTZ(0, 5, true), cluster().withWorkload(DEPLOYMENT, WORKLOAD_NAME, podSpec(true, false))),
                        allowed()),
                row("a cpu trigger alone with minimum 0 is refused",
                        "shouldn't validate so creation with cpu scaler requirements not being met for scaling to 0",
                        create(scaledObjectSTZ(0, 5, false), cluster().withWorkload(DEPLOYMENT, WORKLOAD_NAME, podSpec(true, false))),
                        denied("scaledobject has only cpu/memory triggers AND minReplica is 0 (scale to zero doesn't work in this case)")),
                row("a cpu trigger alone is admitted with minimum 1",
                        "should validate so creation when min replicas is > 0 with only cpu scaler given",
                        create(scaledObjectSTZ(1, 5, false), cluster().withWorkload(DEPLOYMENT, WORKLOAD_NAME, podSpec(true, false))),
                        allowed()),
                // KEDA's name says "should not", its assertion and its rule say admitted: a limit counts as a request.
                row("a cpu trigger is admitted when the Deployment sets only a cpu limit",
                        "should not validate ScaledObject creation when deployment only provides cpu resource limits",
                        create(scaledObject(false).triggers(cpu()),
                                cluster().withWorkload(DEPLOYMENT, WORKLOAD_NAME, podSpecWithLimit("cpu", "100m"))),
                        allowed()),
                row("a memory trigger is admitted when the Deployment sets only a memory limit",
                        "should not validate ScaledObject creation when deployment only provides memory resource limits",
                        create(scaledObject(false).triggers(trigger("memory", null, Map.of("value", "512Mi"))),
                                cluster().withWorkload(DEPLOYMENT, WORKLOAD_NAME, podSpecWithLimit("memory", "1024m"))),
                        allowed()),
                row("an update that only removes a finalizer is admitted although the ScaledObject has become invalid",
                        "should validate the so update if it's removing the finalizer even if it's invalid",
                        update(scaledObject(true).finalizers("finalizer").build(), scaledObject(true),
                                cluster().with(scaledObject(true).finalizers("finalizer").build())
                                        .withWorkload(DEPLOYMENT, WORKLOAD_NAME, podSpecWithoutRequests())),
                        allowed()));
    }

    static Stream<Arguments> namesAndSchema() {
        String longName = "scaledobject name \"%s\" is 64 characters long; must be no more than 63 characters because it is used"
                + " as the \"scaledobject.keda.sh/name\" label value";
        String longHpaName = "HPA name \"keda-hpa-%s\" derived from scaledobject is %d characters long; must be no more than 63"
                + " characters; set spec.advanced.horizontalPodAutoscalerConfig.name to a shorter name or shorten the scaledobject name";
        ScaledObject sixty = scaledObject("a".repeat(60), WORKLOAD_NAME, "apps/v1", DEPLOYMENT, false, Map.of(), "short-hpa").build();
        return Stream.of(
                row("a ScaledObject whose name is longer than a label value is refused",
                        "shouldn't validate the so creation when the name exceeds the label value limit",
                        create(scaledObject("a".repeat(64), WORKLOAD_NAME, "apps/v1", DEPLOYMENT, false, Map.of(), "short-hpa"), cluster()),
                        denied(longName.formatted("a".repeat(64)))),
                row("a ScaledObject with a 63-character name and a short HPA name is admitted",
                        "should validate the so creation when the name is at the label value limit and a custom HPA name is set",
                        create(scaledObject("a".repeat(63), WORKLOAD_NAME, "apps/v1", DEPLOYMENT, false, Map.of(), "short-hpa"), cluster()),
                        allowed()),
                row("a ScaledObject whose default HPA name would be 64 characters is refused",
                        "shouldn't validate the so creation when no custom HPA name is set and the generated HPA name would exceed the"
                                + " label value limit",
                        create(scaledObject("a".repeat(55), WORKLOAD_NAME, "apps/v1", DEPLOYMENT, false, Map.of(), ""), cluster()),
                        denied(longHpaName.formatted("a".repeat(55), 64))),
                row("a ScaledObject whose default HPA name is 63 characters is admitted",
                        "should validate the so creation when no custom HPA name is set and the generated HPA name fits within the label"
                                + " value limit",
                        create(scaledObject("a".repeat(54), WORKLOAD_NAME, "apps/v1", DEPLOYMENT, false, Map.of(), ""), cluster()),
                        allowed()),
                row("an update that drops the short HPA name of a 60-character ScaledObject is refused",
                        "shouldn't validate the so update when removing the custom HPA name would make the generated HPA name exceed"
                                + " the label value limit",
                        update(sixty, scaledObject("a".repeat(60), WORKLOAD_NAME, "apps/v1", DEPLOYMENT, false, Map.of(), ""),
                                cluster().with(sixty)),
                        denied(longHpaName.formatted("a".repeat(60), 69))),
                // KEDA's shipped CRD (kustomize patch, issue 4976) caps the window at 3600 and the API server refuses
                // with its schema words ("should be less than or equal to 3600"); Tide's validator has its own words.
                row("a stabilization window above an hour is refused",
                        "shouldn't create so when stabilizationWindowSeconds exceeds 3600",
                        create(scaledObject(false).behavior(new HorizontalPodAutoscalerBehaviorBuilder().withNewScaleDown()
                                .withStabilizationWindowSeconds(3700).endScaleDown().build()), cluster()),
                        denied("spec.advanced.horizontalPodAutoscalerConfig.behavior.scaleDown.stabilizationWindowSeconds: must be"
                                + " between 0 and 3600, got 3700")),
                // In a cluster KEDA's CRD (minItems 1) answers first; the webhook's own words are these.
                row("a ScaledObject without triggers is refused",
                        "should validate empty triggers in ScaledObject",
                        create(scaledObject(false).triggers(), cluster().withWorkload(DEPLOYMENT, WORKLOAD_NAME,
                                podSpecWithLimit("cpu", "100m"))),
                        denied("no triggers defined in the ScaledObject/ScaledJob")));
    }

    @ParameterizedTest(name = "{0} [KEDA: {1}]")
    @MethodSource({"otherObjects", "replicasAndFallback", "cpuAndMemory", "namesAndSchema"})
    void admitsOrRefusesAsKedasWebhookDoes(String sentence, String kedaTest, Admission admission, KedaDecision expected) {
        expected.verify(admission.judge());
    }
}
