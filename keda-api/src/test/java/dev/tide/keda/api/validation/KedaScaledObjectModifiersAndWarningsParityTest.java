package dev.tide.keda.api.validation;

import static dev.tide.keda.api.validation.KedaDecision.allowed;
import static dev.tide.keda.api.validation.KedaDecision.denied;
import static dev.tide.keda.api.validation.KedaDecision.doesNotWarn;
import static dev.tide.keda.api.validation.KedaDecision.noWarnings;
import static dev.tide.keda.api.validation.KedaDecision.warns;
import static dev.tide.keda.api.validation.KedaFixtures.DEPLOYMENT;
import static dev.tide.keda.api.validation.KedaFixtures.WORKLOAD_NAME;
import static dev.tide.keda.api.validation.KedaFixtures.cluster;
import static dev.tide.keda.api.validation.KedaFixtures.create;
import static dev.tide.keda.api.validation.KedaFixtures.cron;
import static dev.tide.keda.api.validation.KedaFixtures.kubernetesWorkload;
import static dev.tide.keda.api.validation.KedaFixtures.podSpec;
import static dev.tide.keda.api.validation.KedaFixtures.scaledObject;
import static dev.tide.keda.api.validation.KedaFixtures.scaledObjectScalingModifiers;
import static dev.tide.keda.api.validation.KedaScaledObjectWebhookParityTest.row;

import dev.tide.keda.api.Advanced.ScalingModifiers;
import dev.tide.keda.api.Fallback;
import dev.tide.keda.api.ScaleTrigger;
import dev.tide.keda.api.ScaleTrigger.MetricType;
import dev.tide.keda.api.validation.KedaFixtures.Admission;
import dev.tide.keda.api.validation.KedaFixtures.So;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * KEDA's ScaledObject admission cases ({@code apis/keda/v1alpha1/scaledobject_webhook_test.go}), second half: scaling
 * modifiers and the two warnings. The first half is {@link KedaScaledObjectWebhookParityTest}.
 */
class KedaScaledObjectModifiersAndWarningsParityTest {

    private static final String POLLING = "PollingInterval is configured but is not relevant";
    private static final String COOLDOWN = "CooldownPeriod is configured but is not relevant";
    private static final String NO_TARGET = "error validating formula in ScalingModifiers\nformula is given but target is empty";

    /** A formula over {@code cron_trig} and {@code workload_trig}, or whichever names KEDA's case gives its triggers. */
    static Admission modifiers(String formula, String target, ScaleTrigger... triggers) {
        return create(scaledObjectScalingModifiers(new ScalingModifiers(formula, target, null, null), triggers),
                cluster().withWorkload(DEPLOYMENT, WORKLOAD_NAME, podSpec(false, false)));
    }

    static Admission withWorkload(So scaledObject) {
        return create(scaledObject, cluster().withWorkload(DEPLOYMENT, WORKLOAD_NAME, podSpec(true, true)));
    }

    static Stream<Arguments> scalingModifiers() {
        ScaleTrigger cronTrig = cron("cron_trig");
        ScaleTrigger workloadTrig = kubernetesWorkload("workload_trig", null);
        ScaleTrigger trigOne = cron("trig_one");
        ScaleTrigger trigTwo = kubernetesWorkload("trig_two", null);
        return Stream.of(
                row("a formula over two named triggers is admitted",
                        "should validate the so creation with ScalingModifiers.Formula",
                        modifiers("workload_trig + cron_trig", "2", cronTrig, workloadTrig), allowed()),
                row("a formula without a target is refused",
                        "shouldnt validate the so creation with scalingModifiers.Formula but no target",
                        modifiers("workload_trig + cron_trig", null, cronTrig, workloadTrig), denied(NO_TARGET)),
                // KEDA refuses for the missing target before it compiles the formula over the unnamed triggers.
                row("a formula over unnamed triggers and without a target is refused",
                        "shouldnt validate the so creation with ScalingModifiers when triggers dont have names",
                        modifiers("workload_trig + cron_trig", null, cron(null), kubernetesWorkload(null, null)), denied(NO_TARGET)),
                // What that case means to test: with a target, the formula names triggers that have no name.
                row("a formula over unnamed triggers is refused with expr-lang's unknown name",
                        "shouldnt validate the so creation with ScalingModifiers when triggers dont have names",
                        modifiers("workload_trig + cron_trig", "2", cron(null), kubernetesWorkload(null, null)),
                        denied("error validating formula in ScalingModifiers\nunknown name workload_trig (1:7)\n"
                                + " | float(workload_trig + cron_trig)\n | ......^")),
                row("a formula over one named trigger of two is admitted",
                        "should validate the so creation with ScalingModifiers when formula triggers do have names but not all",
                        modifiers("workload_trig + 1", "2", cron(null), workloadTrig), allowed()),
                row("a formula cast to float is admitted",
                        "should validate the so creation with ScalingModifiers when formula casts to float already",
                        modifiers("float(workload_trig + 1)", "2", workloadTrig), allowed()),
                row("a ternary cast to float is admitted",
                        "should validate the so creation with ScalingModifiers.Formula - casting float from ternary operator",
                        modifiers("float(workload_trig < 5 ? cron_trig + workload_trig : 5)", "2", cronTrig, workloadTrig),
                        allowed()),
                row("a ternary without a cast is admitted",
                        "should validate the so creation with ScalingModifiers.Formula - ternary operator without casting float",
                        modifiers("workload_trig < 5 ? cron_trig + workload_trig : 5", "2", cronTrig, workloadTrig),
                        allowed()),
                row("a count() formula is admitted",
                        "should validate the so creation with ScalingModifiers.Formula - count operator",
                        modifiers("count([trig_one,trig_two],{#>1}) > 1 ? 5 : 0", "2", trigOne, trigTwo), allowed()),
                row("a nested ternary is admitted",
                        "should validate the so creation with ScalingModifiers.Formula - complex ternary",
                        modifiers("float(trig_one < 2 ? trig_one+trig_two >= 2 ? 5 : 10 : 0)", "2", trigOne, trigTwo),
                        allowed()),
                row("a doubly cast formula is admitted",
                        "should validate the so creation with ScalingModifiers.Formula - double float cast",
                        modifiers("float(float(trig_two < 5 ? trig_one + trig_two : 5))", "2", trigOne, trigTwo),
                        allowed()),
                row("a scalingModifiers fallback with a formula is admitted",
                        "should validate the so creation with scalingModifiers fallback behavior",
                        create(scaledObjectScalingModifiers(new ScalingModifiers("trig_one ?? trig_two ?? 5", "2", null, null), trigOne, trigTwo)
                                .fallback(3, 5, Fallback.Behavior.SCALING_MODIFIERS),
                                cluster().withWorkload(DEPLOYMENT, WORKLOAD_NAME, podSpec(false, false))),
                        allowed()),
                row("a scalingModifiers fallback without a formula is refused",
                        "shouldn't validate the so creation with scalingModifiers fallback without formula",
                        create(scaledObject(false).triggers(cron(null)).fallback(3, 5, Fallback.Behavior.SCALING_MODIFIERS),
                                cluster().withWorkload(DEPLOYMENT, WORKLOAD_NAME, podSpec(false, false))),
                        denied("scalingModifiers fallback behavior requires scalingModifiers.formula to be defined")));
    }

    static Stream<Arguments> warnings() {
        ScaleTrigger cached = new ScaleTrigger("kubernetes-workload", "workload_trig_1",
                Map.of("podSelector", "pod=workload-test", "value", "1"), null, MetricType.Value, true);
        return Stream.of(
                row("a polling interval is admitted with a warning when the minimum is above 0 and there is no idle count",
                        "should emit warning when PollingInterval is set with minReplicaCount > 0 and idleReplicaCount not set",
                        withWorkload(scaledObject(false).min(1).idle(null).pollingInterval(30)), warns(POLLING)),
                row("a polling interval draws no warning beside an idle count above 0",
                        "should NOT emit warning when PollingInterval is set with minReplicaCount > 0 and idleReplicaCount > 0",
                        withWorkload(scaledObject(false).min(2).idle(1).pollingInterval(30)), doesNotWarn(POLLING)),
                row("a polling interval draws no warning beside an idle count of 0",
                        "should NOT emit warning when PollingInterval is set with idleReplicaCount = 0",
                        withWorkload(scaledObject(false).min(2).idle(0).pollingInterval(30)), doesNotWarn(POLLING)),
                row("a polling interval draws no warning when a trigger uses cached metrics",
                        "should NOT emit warning when PollingInterval is set with useCachedMetrics enabled",
                        withWorkload(scaledObject(false).min(2).idle(1).pollingInterval(30).triggers(cached)), doesNotWarn(POLLING)),
                row("no polling interval draws no polling warning",
                        "should NOT emit warning when PollingInterval is not set",
                        withWorkload(scaledObject(false).min(2).idle(1).pollingInterval(null)), doesNotWarn(POLLING)),
                row("a cooldown period is admitted with a warning when the minimum is above 0 and there is no idle count",
                        "should emit warning when CooldownPeriod is set with minReplicaCount > 0 and idleReplicaCount not set",
                        withWorkload(scaledObject(false).min(1).idle(null).cooldown(300)), warns(COOLDOWN)),
                row("a cooldown period draws no warning beside an idle count above 0",
                        "should NOT emit warning when CooldownPeriod is set with minReplicaCount > 0 and idleReplicaCount > 0",
                        withWorkload(scaledObject(false).min(2).idle(1).cooldown(300)), doesNotWarn(COOLDOWN)),
                row("a cooldown period draws no warning beside an idle count of 0",
                        "should NOT emit warning when CooldownPeriod is set with idleReplicaCount = 0",
                        withWorkload(scaledObject(false).min(2).idle(0).cooldown(300)), doesNotWarn(COOLDOWN)),
                row("no cooldown period draws no cooldown warning",
                        "should NOT emit warning when CooldownPeriod is not set",
                        withWorkload(scaledObject(false).min(2).idle(1).cooldown(null)), doesNotWarn(COOLDOWN)),
                row("a polling interval and a cooldown period both draw their warning without an idle count",
                        "should emit both warnings when both PollingInterval and CooldownPeriod are misconfigured",
                        withWorkload(scaledObject(false).min(2).idle(null).pollingInterval(30).cooldown(300)), warns(POLLING, COOLDOWN)),
                row("a polling interval and a cooldown period draw no warning beside an idle count of 0",
                        "should emit no warnings when both are properly configured with idleReplicaCount = 0",
                        withWorkload(scaledObject(false).min(2).idle(0).pollingInterval(30).cooldown(300)), noWarnings()));
    }

    @ParameterizedTest(name = "{0} [KEDA: {1}]")
    @MethodSource({"scalingModifiers", "warnings"})
    void admitsRefusesAndWarnsAsKedasWebhookDoes(String sentence, String kedaTest, Admission admission, KedaDecision expected) {
        expected.verify(admission.judge());
    }
}
