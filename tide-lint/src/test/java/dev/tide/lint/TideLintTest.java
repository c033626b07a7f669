package dev.tide.lint;

import static dev.tide.lint.LintRun.manifests;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The command on the test manifests: what it finds, on which line, and how it exits. */
class TideLintTest {

    @Test
    void goodManifestsPassWithNoFindings() {
        LintRun run = LintRun.of(manifests("good"));

        assertThat(run.exitCode()).isZero();
        assertThat(run.lines()).containsExactly("4 objects checked in 3 files: 0 errors, 0 warnings");
        assertThat(run.err()).isEmpty();
    }

    static Stream<Arguments> badManifests() {
        return Stream.of(
                Arguments.of("a kafka trigger with a misspelt parameter, refused with the binder's message",
                        "bad/kafka-typo.yaml:13: error: ScaledObject shop/payments: spec.triggers[0] (kafka \"payments-lag\")"
                                + ".metadata.consumerGroup: missing required parameter \"consumerGroup\" in [triggerMetadata, resolvedEnv]"),
                Arguments.of("the misspelt parameter itself, a warning on its own line",
                        "bad/kafka-typo.yaml:15: warning: ScaledObject shop/payments: spec.triggers[0] (kafka \"payments-lag\")"
                                + ".metadata.consumergroup: parameter \"consumergroup\" is not a parameter of the kafka scaler and is ignored"),
                Arguments.of("min above max",
                        "bad/min-above-max.yaml:9: error: ScaledObject shop/emails: MinReplicaCount=5 must be less than MaxReplicaCount=2"),
                Arguments.of("a duplicate target, on the first file's object",
                        "bad/duplicate-a.yaml:7: error: ScaledObject billing/ledger-by-queue: the workload 'ledger' of type "
                                + "'apps/v1.Deployment' is already managed by the ScaledObject 'ledger-by-lag'"),
                Arguments.of("a duplicate target, on the second file's object",
                        "bad/duplicate-b.yaml:8: error: ScaledObject billing/ledger-by-lag: the workload 'ledger' of type "
                                + "'apps/v1.Deployment' is already managed by the ScaledObject 'ledger-by-queue'"),
                Arguments.of("an HPA the ScaledObject does not own on its target",
                        "bad/unowned-hpa.yaml:28: error: ScaledObject shop/search: the workload 'search' of type "
                                + "'apps/v1.Deployment' is already managed by the hpa 'search'"),
                Arguments.of("a cpu trigger on a container without a cpu request",
                        "bad/cpu-without-requests.yaml:28: error: ScaledObject media/resizer: the scaledobject has a cpu trigger "
                                + "but the container resizer doesn't have the cpu request defined"),
                Arguments.of("a TriggerAuthentication with filePath",
                        "bad/bad-auth.yaml:8: error: TriggerAuthentication shop/files: filePath is only supported for "
                                + "ClusterTriggerAuthentication, got kind: TriggerAuthentication"),
                Arguments.of("a ClusterTriggerAuthentication with a token URL that is not http(s), named without a namespace",
                        "bad/bad-auth.yaml:18: error: ClusterTriggerAuthentication metrics-oauth: oauth2.tokenUrl must be a valid "
                                + "http or https URL"),
                Arguments.of("a file that is not valid YAML, at the line the parser stopped",
                        "bad/not-yaml.yaml:8: error: not valid YAML: while parsing a flow mapping: expected ',' or '}', but got :"),
                Arguments.of("a spec that cannot be read into the model, at the field",
                        "bad/unreadable.yaml:10: error: ScaledObject shop/often: spec.pollingInterval: cannot be read: "
                                + "\"often\" is not a valid Integer"),
                Arguments.of("a number in trigger metadata, which the API server refuses",
                        "bad/unreadable.yaml:28: error: ScaledObject shop/numbers: spec.triggers[0] (azure-queue).metadata.queueLength: "
                                + "is a number but trigger metadata values must be strings (the API server refuses it): quote it, \"5\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badManifests")
    void eachBadManifestIsReportedAtTheLineOfItsField(String name, String line) {
        LintRun run = LintRun.of(manifests("bad"));

        assertThat(run.exitCode()).isEqualTo(ExitCode.FINDINGS);
        assertThat(run.lines()).contains(LintRun.MANIFESTS.resolve(line.substring(0, line.indexOf(':'))) + line.substring(line.indexOf(':')));
    }

    @Test
    void badManifestsAreListedInFileAndLineOrderWithTheSummaryLast() {
        LintRun run = LintRun.of(manifests("bad"));

        List<String> findings = run.lines().subList(0, run.lines().size() - 1);
        assertThat(findings).hasSize(12).isSortedAccordingTo(Comparator
                .comparing((String line) -> line.substring(0, line.indexOf(':')))
                .thenComparingInt(line -> Integer.parseInt(line.split(":")[1])));
        assertThat(run.summary()).isEqualTo("10 objects checked in 9 files: 11 errors, 1 warning");
    }

    @Test
    void aSecondObjectInAMultiDocumentFileIsPlacedOnItsOwnLines() {
        LintRun run = LintRun.of(manifests("bad/bad-auth.yaml"));

        assertThat(run.lines()).hasSize(3);
        assertThat(run.lines().get(0)).startsWith(manifests("bad/bad-auth.yaml") + ":8: error: TriggerAuthentication shop/files: ");
        assertThat(run.lines().get(1)).startsWith(manifests("bad/bad-auth.yaml") + ":18: error: ClusterTriggerAuthentication metrics-oauth: ");
        assertThat(run.summary()).isEqualTo("2 objects checked in 1 file: 2 errors, 0 warnings");
    }

    @Test
    void aDuplicateTargetIsFoundWhicheverFileIsGivenFirst() {
        LintRun run = LintRun.of(manifests("bad/duplicate-b.yaml"), manifests("bad/duplicate-a.yaml"));

        assertThat(run.lines()).hasSize(3);
        assertThat(run.lines().get(0)).startsWith(manifests("bad/duplicate-b.yaml") + ":8: error:");
        assertThat(run.lines().get(1)).startsWith(manifests("bad/duplicate-a.yaml") + ":7: error:");
    }

    @Test
    void aDuplicateTargetInAnotherNamespaceIsNoDuplicate() {
        LintRun run = LintRun.of(manifests("bad/duplicate-a.yaml"), manifests("good"));

        assertThat(run.exitCode()).isZero();
    }

    @Test
    void aWorkloadMissingFromTheFilesIsNotAnError() {
        LintRun run = LintRun.of(manifests("bad/min-above-max.yaml"));

        assertThat(run.lines()).hasSize(2).noneMatch(line -> line.contains("not found"));
    }

    @Test
    void warningsPassUnlessStrict() {
        LintRun run = LintRun.of(manifests("warnings"));
        LintRun strict = LintRun.of("--strict", manifests("warnings"));

        assertThat(run.exitCode()).isEqualTo(ExitCode.CLEAN);
        assertThat(run.lines()).containsExactly(
                manifests("warnings/cooldown.yaml") + ":11: warning: ScaledObject billing/invoices: CooldownPeriod is configured but"
                        + " is not relevant. CooldownPeriod is only relevant when minReplicaCount = 0 or idleReplicaCount is set",
                "1 object checked in 1 file: 0 errors, 1 warning");
        assertThat(strict.exitCode()).isEqualTo(ExitCode.FINDINGS);
        assertThat(strict.out()).isEqualTo(run.out());
    }

    static Stream<Arguments> scaledJobs() {
        return Stream.of(
                Arguments.of("a valid ScaledJob passes", "scaledjobs/thumbnails.yaml", ExitCode.CLEAN, List.of(),
                        "1 object checked in 1 file: 0 errors, 0 warnings"),
                Arguments.of("a trigger metricType gets the error of KEDA's reconciler, on the metricType line",
                        "scaledjobs/metric-type.yaml", ExitCode.FINDINGS,
                        List.of(":17: error: ScaledJob media/resizer: spec.triggers[0] (azure-queue).metricType: Cannot set metricType in"
                                + " ScaledJob triggers: metricType is set in one of the ScaledJob scaler"),
                        "1 object checked in 1 file: 1 error, 0 warnings"),
                Arguments.of("no triggers gets the error of KEDA's webhook, on the triggers line", "scaledjobs/no-triggers.yaml",
                        ExitCode.FINDINGS, List.of(":15: error: ScaledJob media/idle: no triggers defined in the ScaledObject/ScaledJob"),
                        "1 object checked in 1 file: 1 error, 0 warnings"),
                Arguments.of("a number in trigger metadata is an error, as in a ScaledObject", "scaledjobs/numbers.yaml", ExitCode.FINDINGS,
                        List.of(":19: error: ScaledJob media/encoder: spec.triggers[0] (azure-queue).metadata.queueLength: is a number but"
                                + " trigger metadata values must be strings (the API server refuses it): quote it, \"5\""),
                        "1 object checked in 1 file: 1 error, 0 warnings"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scaledJobs")
    void aScaledJobIsCheckedByTheValidatorWithEachFindingAtTheLineOfItsField(String sentence, String file, int exitCode,
            List<String> findings, String summary) {
        LintRun run = LintRun.of("--strict", manifests(file));

        assertThat(run.exitCode()).isEqualTo(exitCode);
        assertThat(run.lines().subList(0, run.lines().size() - 1)).containsExactlyElementsOf(
                findings.stream().map(finding -> manifests(file) + finding).toList());
        assertThat(run.summary()).isEqualTo(summary);
    }

    @Test
    void aKedaKindTideDoesNotKnowIsSkippedWithANoteAndDoesNotFail() {
        LintRun run = LintRun.of("--strict", manifests("skipped"));

        assertThat(run.exitCode()).isEqualTo(ExitCode.CLEAN);
        assertThat(run.lines()).containsExactly(manifests("skipped/unknown-kind.yaml")
                        + ":2: info: ScaledSomething media/thumbnails: not checked: this version of Tide does not know this kind",
                "0 objects checked in 1 file: 0 errors, 0 warnings");
    }
}
