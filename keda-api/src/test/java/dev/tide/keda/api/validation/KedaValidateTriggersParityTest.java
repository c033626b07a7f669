package dev.tide.keda.api.validation;

import static dev.tide.keda.api.validation.KedaFixtures.SO_NAME;
import static dev.tide.keda.api.validation.KedaFixtures.WORKLOAD_NAME;
import static dev.tide.keda.api.validation.KedaFixtures.cron;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tide.keda.api.Advanced.ScalingModifiers;
import dev.tide.keda.api.ScaleTarget;
import dev.tide.keda.api.ScaleTrigger;
import dev.tide.keda.api.ScaleTrigger.MetricType;
import dev.tide.keda.api.ScaledObjectSpec;
import dev.tide.keda.api.validation.KedaFixtures.So;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * KEDA's unit tables of the rules its webhook calls: {@code TestValidateTriggers} ({@code scaletriggers_types_test.go}),
 * and {@code TestCheckReplicaCountBoundsAreValid}, {@code TestGetHPAReplicas} and {@code TestCheckFallbackValid}
 * ({@code scaledobject_types_test.go}). KEDA's messages are compared whole where its tables compare a fragment.
 */
class KedaValidateTriggersParityTest {

    private static final KedaValidator VALIDATOR = new KedaValidator(TriggerParameters.NONE);
    private static final String NO_TRIGGERS = "no triggers defined in the ScaledObject/ScaledJob";
    private static final String FALLBACK_TRIGGERS = "at least one trigger (that is not cpu or memory) has to have the `AverageValue`"
            + " type for the fallback to be enabled";

    static ScaleTrigger trigger(String type, String name, MetricType metricType, Boolean useCachedMetrics) {
        return new ScaleTrigger(type, name, Map.of(), null, metricType, useCachedMetrics);
    }

    static So scaledObject(ScaleTrigger... triggers) {
        return new So(SO_NAME, new ScaleTarget(WORKLOAD_NAME, null, null, null)).triggers(triggers);
    }

    static Stream<Arguments> triggers() {
        return Stream.of(
                Arguments.of("two triggers with their own names pass", "valid triggers",
                        List.of(trigger("cpu", "trigger1", null, null), trigger("prometheus", "trigger2", null, null)), List.of()),
                Arguments.of("two triggers of one name are refused", "duplicate trigger names",
                        List.of(trigger("cpu", "trigger1", null, null), trigger("prometheus", "trigger1", null, null)),
                        List.of("triggerName \"trigger1\" is defined multiple times in the ScaledObject/ScaledJob, but it must be unique")),
                Arguments.of("cached metrics are refused for cpu", "unsupported useCachedMetrics property for cpu scaler",
                        List.of(trigger("cpu", "trigger1", null, true)),
                        List.of("property \"useCachedMetrics\" is not supported for \"cpu\" scaler")),
                Arguments.of("cached metrics are refused for memory", "unsupported useCachedMetrics property for memory scaler",
                        List.of(trigger("memory", "trigger2", null, true)),
                        List.of("property \"useCachedMetrics\" is not supported for \"memory\" scaler")),
                Arguments.of("cached metrics are refused for cron", "unsupported useCachedMetrics property for cron scaler",
                        List.of(trigger("cron", "trigger3", null, true)),
                        List.of("property \"useCachedMetrics\" is not supported for \"cron\" scaler")),
                Arguments.of("cached metrics pass for kafka", "supported useCachedMetrics property for kafka scaler",
                        List.of(trigger("kafka", "trigger4", null, true)), List.of()),
                Arguments.of("no triggers are refused", "empty triggers array should be blocked", List.of(), List.of(NO_TRIGGERS)),
                // KEDA's ScaledJob webhook runs this rule alone (scaledjob_webhook_test.go); Tide has no ScaledJob yet.
                Arguments.of("a ScaledJob without triggers is refused by the same rule", "should validate empty triggers in ScaledJob",
                        List.of(), List.of(NO_TRIGGERS)));
    }

    @ParameterizedTest(name = "{0} [KEDA: {1}]")
    @MethodSource("triggers")
    void checksTriggerListsAsKedasValidateTriggers(String sentence, String kedaTest, List<ScaleTrigger> triggers, List<String> errors) {
        Findings findings = new Findings();
        ScaledObjectRules.triggers(triggers, findings);
        assertThat(findings.verdict().errors()).extracting(Finding::message).containsExactlyElementsOf(errors);
    }

    static Stream<Arguments> replicaBounds() {
        return Stream.of(
                Arguments.of("min 1 and max 5 without an idle count pass", "Valid: min 1, max 5, no idle", 1, 5, null, List.of()),
                Arguments.of("min 1, max 5 and idle 0 pass", "Valid: min 1, max 5, idle 0", 1, 5, 0, List.of()),
                Arguments.of("a minimum above the maximum is refused", "Invalid: min 2 > max 1", 2, 1, null,
                        List.of("MinReplicaCount=2 must be less than MaxReplicaCount=1")),
                Arguments.of("an idle count equal to the minimum is refused", "Invalid: idle 1 == min 1", 1, 5, 1,
                        List.of("IdleReplicaCount=1 must be less than MinReplicaCount=1")),
                Arguments.of("an idle count above the minimum is refused", "Invalid: idle 2 > min 1", 1, 5, 2,
                        List.of("IdleReplicaCount=2 must be less than MinReplicaCount=1")));
    }

    /** KEDA's fixtures have no triggers; a cron trigger is added so that the bounds are all that is judged. */
    @ParameterizedTest(name = "{0} [KEDA: {1}]")
    @MethodSource("replicaBounds")
    void checksReplicaBoundsAsKedasCheckReplicaCountBoundsAreValid(String sentence, String kedaTest, Integer min, Integer max,
            Integer idle, List<String> errors) {
        Verdict verdict = VALIDATOR.scaledObject(scaledObject(cron(null)).min(min).max(max).idle(idle).build(), Occasion.ADMISSION,
                ClusterView.NONE);
        assertThat(verdict.errors()).extracting(Finding::describe).containsExactlyElementsOf(errors);
    }

    static Stream<Arguments> hpaReplicas() {
        return Stream.of(
                Arguments.of("the HPA gets 1 to 100 replicas by default", "Default min and max", null, null, 1, 100),
                Arguments.of("the HPA gets the minimum and 100 by default", "Custom min, default max", 5, null, 5, 100),
                Arguments.of("the HPA gets 1 by default and the maximum", "Default min, custom max", null, 10, 1, 10),
                Arguments.of("the HPA gets the minimum and the maximum", "Custom min and max", 5, 10, 5, 10),
                Arguments.of("the HPA gets 1 for a minimum of 0", "Zero min, default max", 0, null, 1, 100));
    }

    @ParameterizedTest(name = "{0} [KEDA: {1}]")
    @MethodSource("hpaReplicas")
    void boundsTheHpaAsKedasGetHpaReplicas(String sentence, String kedaTest, Integer min, Integer max, int hpaMin, int hpaMax) {
        ScaledObjectSpec spec = scaledObject(cron(null)).min(min).max(max).build().getSpec();
        assertThat(spec.hpaMinReplicas()).isEqualTo(hpaMin);
        assertThat(spec.maxReplicaCountOrDefault()).isEqualTo(hpaMax);
    }

    static Stream<Arguments> fallback() {
        ScaleTrigger couchdb = trigger("couchdb", null, null, null);
        ScaleTrigger couchdbAverage = trigger("couchdb", null, MetricType.AverageValue, null);
        return Stream.of(
                Arguments.of("no fallback passes", "No fallback configured", scaledObject(couchdb), List.of()),
                Arguments.of("a fallback on an AverageValue trigger passes", "Explicit AverageValue metricType - valid",
                        scaledObject(couchdbAverage).fallback(3, 1, null), List.of()),
                Arguments.of("a fallback on a trigger of the default type passes", "Implicit AverageValue metricType (empty string) - valid",
                        scaledObject(couchdb).fallback(3, 1, null), List.of()),
                Arguments.of("a fallback on a Value trigger passes", "Value metricType - valid",
                        scaledObject(trigger("couchdb", null, MetricType.Value, null)).fallback(3, 1, null), List.of()),
                Arguments.of("a fallback passes when one of several triggers is AverageValue", "Multiple triggers with one valid AverageValue - valid",
                        scaledObject(trigger("prometheus", null, MetricType.Value, null), couchdbAverage).fallback(3, 1, null), List.of()),
                Arguments.of("a fallback on a cpu trigger alone is refused", "CPU trigger - invalid",
                        scaledObject(trigger("cpu", null, MetricType.AverageValue, null)).fallback(3, 1, null), List.of(FALLBACK_TRIGGERS)),
                Arguments.of("a fallback on a memory trigger alone is refused", "Memory trigger - invalid",
                        scaledObject(trigger("memory", null, MetricType.AverageValue, null)).fallback(3, 1, null), List.of(FALLBACK_TRIGGERS)),
                Arguments.of("a fallback passes when a cpu trigger stands beside another", "Multiple triggers with one CPU and one valid - valid",
                        scaledObject(trigger("cpu", null, MetricType.Utilization, null), couchdbAverage).fallback(3, 1, null), List.of()),
                Arguments.of("a negative failure threshold is refused", "Negative FailureThreshold - invalid",
                        scaledObject(couchdbAverage).fallback(-1, 1, null),
                        List.of("FailureThreshold=-1 & Replicas=1 must both be greater than or equal to 0")),
                Arguments.of("negative fallback replicas are refused", "Negative Replicas - invalid",
                        scaledObject(couchdbAverage).fallback(3, -1, null),
                        List.of("FailureThreshold=3 & Replicas=-1 must both be greater than or equal to 0")),
                Arguments.of("a fallback with AverageValue scaling modifiers passes", "Using ScalingModifiers with AverageValue MetricType - valid",
                        scaledObject(couchdb).fallback(3, 1, null).modifiers(new ScalingModifiers("x * 2", null, null, MetricType.AverageValue)),
                        List.of()),
                Arguments.of("a fallback with Value scaling modifiers passes", "Using ScalingModifiers with Value MetricType - valid",
                        scaledObject(couchdb).fallback(3, 1, null).modifiers(new ScalingModifiers("x * 2", null, null, MetricType.Value)),
                        List.of()));
    }

    /**
     * Only the fallback rule's findings (KEDA's reason {@code incorrect-fallback}) are compared, as KEDA's table calls
     * {@code CheckFallbackValid} alone: its modifier rows would fail the formula rules, and Tide refuses modifiers.
     */
    @ParameterizedTest(name = "{0} [KEDA: {1}]")
    @MethodSource("fallback")
    void checksFallbackAsKedasCheckFallbackValid(String sentence, String kedaTest, So scaledObject, List<String> errors) {
        Verdict verdict = VALIDATOR.scaledObject(scaledObject.build(), Occasion.ADMISSION, ClusterView.NONE);
        assertThat(verdict.errors()).filteredOn(f -> f.reason().equals("incorrect-fallback")).extracting(Finding::describe)
                .containsExactlyElementsOf(errors);
    }

    @Test
    void aRefusalAboutOneTriggerNamesItsIndexTypeNameAndField() {
        Findings findings = new Findings();
        ScaledObjectRules.triggers(List.of(new ScaleTrigger("kafka", "orders", java.util.Map.of(), null, null, null),
                new ScaleTrigger("cron", "nightly", java.util.Map.of(), null, null, true)), findings);

        assertThat(findings.verdict().errors()).extracting(Finding::describe).containsExactly("spec.triggers[1] (cron \"nightly\")"
                + ".useCachedMetrics: property \"useCachedMetrics\" is not supported for \"cron\" scaler");
    }
}
