package dev.tide.keda.api.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tide.keda.api.ScaledJob;
import dev.tide.keda.api.ScaledJobSpec;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * ScaledJobs through the one validator: KEDA's webhook case ({@code scaledjob_webhook_test.go}: a ScaledJob
 * without triggers is refused), KEDA's trigger rules, the reconciler's {@code metricType} refusal, Tide's bounds and
 * names, and KEDA's finalizer rule on update.
 */
class ScaledJobRulesTest {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final KedaValidator VALIDATOR = new KedaValidator(TriggerParameters.NONE);

    /** KEDA's reference sample, every field set. */
    static ScaledJob sample() {
        try (InputStream in = ScaledJobRulesTest.class.getResourceAsStream("/keda-scaledjob-sample.yaml")) {
            return SERIALIZATION.unmarshal(new String(in.readAllBytes(), StandardCharsets.UTF_8), ScaledJob.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The sample with its spec's YAML edited: {@code from} replaced by {@code to}. */
    static ScaledJob edited(String from, String to) {
        String yaml = SERIALIZATION.asYaml(sample());
        assertThat(yaml).contains(from);
        return SERIALIZATION.unmarshal(yaml.replace(from, to), ScaledJob.class);
    }

    @Test
    void kedasReferenceSampleIsReadWithEveryFieldAndAdmittedWithoutAWord() {
        ScaledJob sample = sample();
        ScaledJobSpec spec = sample.getSpec();

        assertThat(spec.jobTargetRef().getTemplate().getSpec().getContainers()).singleElement()
                .satisfies(c -> assertThat(c.getName()).isEqualTo("rabbitmq-client"));
        assertThat(spec.rollout()).isEqualTo(new ScaledJobSpec.Rollout(ScaledJobSpec.Rollout.Strategy.GRADUAL,
                ScaledJobSpec.Rollout.PropagationPolicy.FOREGROUND));
        assertThat(spec.scalingStrategy()).isEqualTo(new ScaledJobSpec.ScalingStrategy(ScaledJobSpec.ScalingStrategy.Strategy.CUSTOM,
                1, "0.5", List.of("Ready", "PodScheduled"), ScaledJobSpec.ScalingStrategy.Calculation.MAX));
        assertThat(spec.successfulJobsHistoryLimit()).isEqualTo(5);
        assertThat(SERIALIZATION.unmarshal(SERIALIZATION.asYaml(sample), ScaledJob.class).getSpec()).isEqualTo(spec);
        assertThat(VALIDATOR.scaledJob(sample)).isEqualTo(Verdict.ALLOWED);
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of("KEDA: a ScaledJob without triggers is refused", edited("""
                          triggers:
                          - type: "rabbitmq"
                            name: "orders"
                            metadata:
                              queueName: "orders"
                              hostFromEnv: "RABBITMQ_HOST"
                              value: "5"
                        """, "  triggers: []\n"),
                        "spec.triggers", "no triggers defined in the ScaledObject/ScaledJob"),
                Arguments.of("a trigger metricType is refused with the message of KEDA's reconciler",
                        edited("name: \"orders\"", "name: \"orders\"\n    metricType: \"Value\""),
                        "spec.triggers[0] (rabbitmq \"orders\").metricType",
                        "Cannot set metricType in ScaledJob triggers: metricType is set in one of the ScaledJob scaler"),
                Arguments.of("useCachedMetrics on a cron trigger is refused as for a ScaledObject",
                        edited("type: \"rabbitmq\"", "type: \"cron\"\n    useCachedMetrics: true"),
                        "spec.triggers[0] (cron \"orders\").useCachedMetrics", "property \"useCachedMetrics\" is not supported for \"cron\" scaler"),
                Arguments.of("a pollingInterval of 0 is refused", edited("pollingInterval: 30", "pollingInterval: 0"),
                        "spec.pollingInterval", "must be at least 1, got 0"),
                Arguments.of("a negative history limit is refused", edited("failedJobsHistoryLimit: 5", "failedJobsHistoryLimit: -1"),
                        "spec.failedJobsHistoryLimit", "must be at least 0, got -1"),
                Arguments.of("a ScaledJob without a jobTargetRef is refused",
                        SERIALIZATION.unmarshal(SERIALIZATION.asYaml(sample()).replaceAll("(?s)  jobTargetRef:.*?  pollingInterval", "  pollingInterval"),
                                ScaledJob.class), "spec.jobTargetRef", "is required"),
                Arguments.of("an envSourceContainerName that is no container name is refused",
                        edited("envSourceContainerName: \"rabbitmq-client\"", "envSourceContainerName: \"Rabbit_Client\""),
                        "spec.envSourceContainerName", "\"Rabbit_Client\" is not a valid name: it must be a DNS-1123 label"
                                + " (lowercase letters, digits, '-', at most 63 characters, starting and ending with a letter or digit)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void refusesWhatKedaOrTideRefuses(String sentence, ScaledJob scaledJob, String field, String message) {
        assertThat(VALIDATOR.scaledJob(scaledJob).errors()).anySatisfy(finding -> {
            assertThat(finding.field()).isEqualTo(field);
            assertThat(finding.message()).isEqualTo(message);
        });
    }

    @ParameterizedTest(name = "customScalingRunningJobPercentage {0} draws a warning")
    @MethodSource("badPercentages")
    void aCustomStrategyWithoutAUsablePercentageIsAdmittedWithAWarning(String percentage, String expected) {
        ScaledJob scaledJob = edited("customScalingRunningJobPercentage: \"0.5\"", percentage);

        Verdict verdict = VALIDATOR.scaledJob(scaledJob);

        assertThat(verdict.errors()).isEmpty();
        assertThat(verdict.warnings()).singleElement().satisfies(w -> assertThat(w.describe()).isEqualTo(
                "spec.scalingStrategy.customScalingRunningJobPercentage: " + expected
                        + ", so the custom strategy is not used: Jobs are started by the default strategy, as in KEDA"));
    }

    static Stream<Arguments> badPercentages() {
        return Stream.of(Arguments.of("customScalingRunningJobPercentage: \"half\"", "\"half\" is not a number"),
                Arguments.of("customScalingRunningJobPercentage: \"\"", "is not set"));
    }

    @Test
    void useCachedMetricsOnAScaledJobIsAdmittedWithAWarningThatItIsIgnored() {
        Verdict verdict = VALIDATOR.scaledJob(edited("name: \"orders\"", "name: \"orders\"\n    useCachedMetrics: true"));

        assertThat(verdict.errors()).isEmpty();
        assertThat(verdict.warnings()).singleElement().satisfies(w -> assertThat(w.describe()).isEqualTo(
                "spec.triggers[0] (rabbitmq \"orders\").useCachedMetrics: is not supported for ScaledJobs and is ignored: every pass reads the source"));
    }

    @Test
    void removingTheLastFinalizerOfAnUnchangedScaledJobIsNotChecked() {
        ScaledJob before = edited("pollingInterval: 30", "pollingInterval: 0");
        before.getMetadata().setFinalizers(List.of("finalizer.keda.sh"));
        ScaledJob after = edited("pollingInterval: 30", "pollingInterval: 0");

        assertThat(VALIDATOR.scaledJobUpdate(before, after)).isEqualTo(Verdict.ALLOWED);
        assertThat(VALIDATOR.scaledJobUpdate(after, after).errors()).isNotEmpty();
    }
}
