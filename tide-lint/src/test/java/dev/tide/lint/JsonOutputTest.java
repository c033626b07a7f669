package dev.tide.lint;

import static dev.tide.lint.LintRun.manifests;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/** {@code --output json}: one document a pipeline can parse, with every finding the text output has. */
class JsonOutputTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** {@code path:line: severity} at the start of a text line. */
    private static final Pattern LOCATION = Pattern.compile("^.*?:\\d+: (error|warning|info)");

    @Test
    void everyFindingIsAnObjectWithFileLineObjectSeverityFieldMessageAndReason() throws IOException {
        LintRun run = LintRun.of("--output", "json", manifests("bad/kafka-typo.yaml"));

        assertThat(run.exitCode()).isEqualTo(ExitCode.FINDINGS);
        JsonNode report = JSON.readTree(run.out());
        assertThat(report.fieldNames()).toIterable().containsExactly("findings", "summary");
        JsonNode error = report.path("findings").get(0);
        assertThat(error.fieldNames()).toIterable()
                .containsExactly("file", "line", "kind", "namespace", "name", "severity", "field", "message", "reason");
        assertThat(error.path("file").asText()).isEqualTo(manifests("bad/kafka-typo.yaml"));
        assertThat(error.path("line").asInt()).isEqualTo(13);
        assertThat(error.path("kind").asText()).isEqualTo("ScaledObject");
        assertThat(error.path("namespace").asText()).isEqualTo("shop");
        assertThat(error.path("name").asText()).isEqualTo("payments");
        assertThat(error.path("severity").asText()).isEqualTo("error");
        assertThat(error.path("field").asText()).isEqualTo("spec.triggers[0] (kafka \"payments-lag\").metadata.consumerGroup");
        assertThat(error.path("message").asText()).isEqualTo("missing required parameter \"consumerGroup\" in [triggerMetadata, resolvedEnv]");
        assertThat(error.path("reason").asText()).isEqualTo("invalid-trigger-metadata");
        assertThat(report.path("findings").get(1).path("severity").asText()).isEqualTo("warning");
        assertThat(report.path("summary")).isEqualTo(JSON.readTree("""
                {"objects": 1, "files": 1, "errors": 1, "warnings": 1, "infos": 0}"""));
    }

    @Test
    void theJsonHasTheFindingsOfTheTextOutputInTheSameOrder() throws IOException {
        LintRun text = LintRun.of(manifests("bad"));
        LintRun json = LintRun.of("--output=json", manifests("bad"));

        JsonNode findings = JSON.readTree(json.out()).path("findings");
        List<String> located = StreamSupport.stream(findings.spliterator(), false)
                .map(finding -> finding.path("file").asText() + ":" + finding.path("line").asInt() + ": " + finding.path("severity").asText())
                .toList();
        assertThat(json.exitCode()).isEqualTo(text.exitCode());
        assertThat(located).containsExactlyElementsOf(text.lines().subList(0, text.lines().size() - 1).stream()
                .map(line -> LOCATION.matcher(line).results().findFirst().orElseThrow().group())
                .toList());
    }

    @Test
    void aFileThatIsNotYamlAndAClusterScopedObjectHaveNullsWhereTheyNameNothing() throws IOException {
        LintRun run = LintRun.of("--output", "json", manifests("bad/not-yaml.yaml"), manifests("bad/bad-auth.yaml"));

        JsonNode findings = JSON.readTree(run.out()).path("findings");
        JsonNode notYaml = findings.get(0);
        assertThat(notYaml.path("line").asInt()).isEqualTo(8);
        assertThat(notYaml.path("kind").isNull()).isTrue();
        assertThat(notYaml.path("name").isNull()).isTrue();
        assertThat(notYaml.path("field").isNull()).isTrue();
        assertThat(notYaml.path("reason").asText()).isEqualTo("invalid-yaml");
        JsonNode clusterScoped = findings.get(2);
        assertThat(clusterScoped.path("kind").asText()).isEqualTo("ClusterTriggerAuthentication");
        assertThat(clusterScoped.path("namespace").isNull()).isTrue();
        assertThat(clusterScoped.path("field").asText()).isEqualTo("spec.oauth2.tokenUrl");
    }

    @Test
    void aCleanRunIsAnEmptyListAndTheCounts() throws IOException {
        LintRun run = LintRun.of("--output", "json", manifests("good"));

        assertThat(run.exitCode()).isZero();
        assertThat(JSON.readTree(run.out())).isEqualTo(JSON.readTree("""
                {"findings": [], "summary": {"objects": 4, "files": 3, "errors": 0, "warnings": 0, "infos": 0}}"""));
    }
}
