package dev.tide.controller.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tide.controller.TestObjects;
import dev.tide.keda.api.Annotations;
import dev.tide.keda.api.ScaledObject;
import dev.tide.keda.api.validation.ClusterView;
import dev.tide.keda.api.validation.KedaValidator;
import dev.tide.keda.api.validation.TriggerParameters;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** KEDA's small rules as tables: boolean annotations, replica bounds, what triggers a reconcile, secret scrubbing. */
class ReconcileRulesTest {

    @ParameterizedTest(name = "paused: \"{0}\" -> {1}")
    @CsvSource(nullValues = "ABSENT", value = {"ABSENT, false", "true, true", "false, false", "False, false", "0, false",
            "1, true", "yes, true", "'', true"})
    void booleanAnnotationsReadAsKedaReadsThem(String value, boolean expected) {
        ScaledObject so = TestObjects.scaledObject(value == null ? ""
                : ", \"annotations\": {\"autoscaling.keda.sh/paused\": \"" + value + "\"}", "");

        assertThat(Annotations.bool(so, "autoscaling.keda.sh/paused")).isEqualTo(expected);
    }

    @ParameterizedTest(name = "idle={0} min={1} max={2} -> {3}")
    @CsvSource(nullValues = "ABSENT", value = {
            "ABSENT, ABSENT, ABSENT, ''",
            "ABSENT, 0, 100, ''",
            "ABSENT, 5, 2, MinReplicaCount=5 must be less than MaxReplicaCount=2",
            "0, 1, 10, ''",
            "1, 1, 10, IdleReplicaCount=1 must be less than MinReplicaCount=1",
            "0, 0, 10, ''",
            "0, ABSENT, 10, IdleReplicaCount=0 must be less than MinReplicaCount=0"})
    void replicaBoundsFollowKeda(Integer idle, Integer min, Integer max, String error) {
        String fields = (idle == null ? "" : ", \"idleReplicaCount\": " + idle) + (min == null ? "" : ", \"minReplicaCount\": " + min)
                + (max == null ? "" : ", \"maxReplicaCount\": " + max);
        ScaledObject so = TestObjects.scaledObject("", fields);

        if (error.isEmpty()) {
            assertThatCode(() -> check(so)).doesNotThrowAnyException();
        } else {
            assertThatThrownBy(() -> check(so)).hasMessageEndingWith(error);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "status only                | 1 | 1 | {}                                          | {}                                          | false",
            "spec edit                  | 1 | 2 | {}                                          | {}                                          | true",
            "paused added               | 1 | 1 | {}                                          | {\"autoscaling.keda.sh/paused\": \"true\"}    | true",
            "paused-replicas changed    | 1 | 1 | {\"autoscaling.keda.sh/paused-replicas\": \"1\"} | {\"autoscaling.keda.sh/paused-replicas\": \"2\"} | true",
            "paused-scale-out removed   | 1 | 1 | {\"autoscaling.keda.sh/paused-scale-out\": \"true\"} | {}                                | true",
            "force-activation added     | 1 | 1 | {}                                          | {\"autoscaling.keda.sh/force-activation\": \"true\"} | true",
            "unrelated annotation       | 1 | 1 | {}                                          | {\"team\": \"shop\"}                          | false"})
    void reconcileFilterPassesGenerationAndKedaAnnotationChanges(String name, long before, long after, String annotationsBefore,
            String annotationsAfter, boolean reconciles) {
        ScaledObject previous = TestObjects.scaledObject(", \"generation\": " + before + ", \"annotations\": " + annotationsBefore, "");
        ScaledObject updated = TestObjects.scaledObject(", \"generation\": " + after + ", \"annotations\": " + annotationsAfter, "");

        assertThat(new ReconcileFilter<ScaledObject>().accept(updated, previous)).isEqualTo(reconciles);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "key in a sentence | connection string s3cr3t-value is bad | connection string <redacted> is bad",
            "two secrets       | s3cr3t-value and other-secret        | <redacted> and <redacted>",
            "short values kept | key abc                              | key abc"})
    void secretValuesAreScrubbedFromMessages(String name, String text, String expected) {
        SecretValues values = new SecretValues();
        values.add("s3cr3t-value");
        values.add("other-secret");
        values.add("abc");

        assertThat(values.scrub(text)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "no target                  | '\"formula\": \"a\"'                    | error validating formula in ScalingModifiers\\nformula is given but target is empty",
            "a formula over no trigger  | '\"formula\": \"a\", \"target\": \"2\"' | error validating formula in ScalingModifiers\\nunknown name a (1:7)",
            "a target that is no number | '\"formula\": \"1\", \"target\": \"x\"' | error converting target for scalingModifiers (string->float) to valid target: strconv.ParseFloat",
            "a target of 0              | '\"formula\": \"1\", \"target\": \"0\"' | error converting target for scalingModifiers (string->float) to valid target: %!w(<nil>)",
            "Utilization                | '\"formula\": \"1\", \"target\": \"1\", \"metricType\": \"Utilization\"' | needs to be AverageValue or Value"})
    void invalidScalingModifiersFailTheHpaStepWithKedasMessage(String name, String modifiers, String message) {
        ScaledObject so = TestObjects.scaledObject("", ", \"advanced\": {\"scalingModifiers\": {" + modifiers + "}}");

        assertThatThrownBy(() -> check(so))
                .hasMessageStartingWith("Failed to ensure HPA is correctly created for ScaledObject: ")
                .hasMessageContaining(message.replace("\\n", "\n"));
    }

    @ParameterizedTest(name = "advanced: {0}")
    @CsvSource(delimiter = '|', value = {"none | ''", "HPA config only | ', \"advanced\": {\"restoreToOriginalReplicaCount\": true}'",
            "a formula over no trigger name | ', \"advanced\": {\"scalingModifiers\": {\"formula\": \"2 * 3\", \"target\": \"2.5\", \"metricType\": \"Value\"}}'"})
    void aScaledObjectWithoutOrWithValidScalingModifiersPasses(String name, String advanced) {
        ScaledObject so = TestObjects.scaledObject("", advanced);

        assertThatCode(() -> check(so)).doesNotThrowAnyException();
    }

    /** The reconciler's checks without plugins or other objects. */
    private static void check(ScaledObject scaledObject) {
        new SpecChecks(new KedaValidator(TriggerParameters.NONE), ClusterView.NONE).check(scaledObject, namespace -> List.of());
    }
}
