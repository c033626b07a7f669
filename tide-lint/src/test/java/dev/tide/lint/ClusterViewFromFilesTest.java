package dev.tide.lint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cross-object rules see exactly what the files say: namespaces, LimitRanges, HPA annotations, workload kinds. */
class ClusterViewFromFilesTest {

    @TempDir
    Path folder;

    private Path write(String name, String yaml) throws IOException {
        return Files.writeString(folder.resolve(name), yaml, StandardCharsets.UTF_8);
    }

    private static final String RESIZER = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: resizer
            spec:
              template:
                spec:
                  containers:
                    - name: resizer
                      image: resizer
            ---
            apiVersion: keda.sh/v1alpha1
            kind: ScaledObject
            metadata:
              name: resizer
            spec:
              scaleTargetRef:
                name: resizer
              minReplicaCount: 1
              triggers:
                - type: cpu
                  metricType: Utilization
                  metadata:
                    value: "60"
            """;

    @Test
    void aLimitRangeDefaultRequestInTheNamespaceSatisfiesTheCpuRule() throws IOException {
        write("resizer.yaml", RESIZER);
        write("limits.yaml", """
                apiVersion: v1
                kind: LimitRange
                metadata:
                  name: defaults
                  namespace: default
                spec:
                  limits:
                    - type: Container
                      defaultRequest:
                        cpu: 100m
                """);

        LintRun run = LintRun.of(folder.toString());

        assertThat(run.exitCode()).as(run.out()).isZero();
        assertThat(run.out()).doesNotContain("doesn't have the cpu request defined");
    }

    @Test
    void aLimitRangeInAnotherNamespaceDoesNot() throws IOException {
        write("resizer.yaml", RESIZER);
        write("limits.yaml", """
                apiVersion: v1
                kind: LimitRange
                metadata:
                  name: defaults
                  namespace: media
                spec:
                  limits:
                    - type: Container
                      defaultRequest:
                        cpu: 100m
                """);

        LintRun run = LintRun.of(folder.toString());

        assertThat(run.out()).contains(":20: error: ScaledObject default/resizer: the scaledobject has a cpu trigger but the container "
                + "resizer doesn't have the cpu request defined");
    }

    @Test
    void anHpaThatOptsOutOfTheOwnershipCheckLetsAScaledObjectShareItsWorkload() throws IOException {
        String unowned = Files.readString(Path.of(LintRun.manifests("bad/unowned-hpa.yaml")));
        write("search.yaml", unowned.replace("  name: search\n  namespace: shop\nspec:\n  scaleTargetRef:\n    apiVersion",
                "  name: search\n  namespace: shop\n  annotations:\n    validations.keda.sh/hpa-ownership: \"false\"\nspec:\n"
                        + "  scaleTargetRef:\n    apiVersion"));

        LintRun run = LintRun.of(folder.toString());

        assertThat(run.exitCode()).isZero();
    }

    @Test
    void anHpaOnAStatefulSetOfTheSameNameIsAnotherWorkload() throws IOException {
        String unowned = Files.readString(Path.of(LintRun.manifests("bad/unowned-hpa.yaml")));
        write("search.yaml", unowned.replace("    kind: Deployment", "    kind: StatefulSet"));

        LintRun run = LintRun.of(folder.toString());

        assertThat(run.exitCode()).isZero();
    }

    @Test
    void aDeploymentThatCannotBeReadIsANoteAndItsRulesAreSkipped() throws IOException {
        write("resizer.yaml", RESIZER.replace("      containers:\n        - name: resizer\n          image: resizer\n", "      containers: many\n"));

        LintRun run = LintRun.of("--strict", folder.toString());

        assertThat(run.out()).contains(":8: info: Deployment default/resizer: spec.template.spec.containers: ")
                .doesNotContain("doesn't have the cpu request defined");
    }

    @Test
    void aKedaObjectOfAnotherApiVersionIsRefusedAtItsApiVersion() throws IOException {
        Path file = write("old.yaml", RESIZER.replace("keda.sh/v1alpha1", "keda.sh/v1"));

        LintRun run = LintRun.of(file.toString());

        assertThat(run.lines().get(0)).isEqualTo(file + ":12: error: ScaledObject default/resizer: apiVersion: \"keda.sh/v1\" is not "
                + "served: KEDA's API is keda.sh/v1alpha1");
    }
}
