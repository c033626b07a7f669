package dev.tide.architecture;

import dev.tide.architecture.KedaNames.KedaName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The KEDA name scan on a made-up repository: it reports what breaks the rule, and only that. */
class KedaNameScanTest {

    private static final List<KedaName> NAMES = KedaNames.fromKedaApi();

    @TempDir
    Path root;

    @Test
    void kedaNamesAreEveryStringConstantOfKedaApiAndEveryReason() {
        assertThat(NAMES).extracting(KedaName::value)
                .contains("keda.sh", "keda.sh/v1alpha1", "finalizer.keda.sh", "scaledobject.keda.sh/name",
                        "keda-hpa-", "keda-operator", "scaledobjects.keda.sh-v1.yml", "KEDAScalerFailed",
                        "ScalerCooldown", "NoFallbackFound");
        assertThat(NAMES).contains(new KedaName("ScaledObjectReady", "EventReason.SCALED_OBJECT_READY.reason()"),
                new KedaName("ScaledObjectReady", "KedaCondition.READY.reason()"));
    }

    @Test
    void reportsEveryLiteralThatIsOrContainsAKedaNameWithItsFileAndLine() throws IOException {
        write("metrics-service/src/main/java/dev/tide/metrics/Names.java", """
                package dev.tide.metrics;

                // "keda.sh/v1alpha1" in a comment is not a literal
                /* nor "finalizer.keda.sh"
                   across lines */
                final class Names {
                    static final String VERSION = "keda.sh/v1alpha1";
                    static final char QUOTE = '"'; static final String REASON = "ScaledObjectReady";
                    static final String SENTENCE = "ScaledObjectReady is not a whole literal";
                    static String hpa(String name) { return "keda-hpa-" + name; }
                    static final String LABEL = "x \\" scaledobject.keda.sh/name";
                    static final String BLOCK = \"""
                            kind: ScaledObject
                            apiVersion: keda.sh/v1alpha1
                            \""";
                    static final String FINE = "autoscaling/v2";
                }
                """);

        assertThat(KedaNameScan.scan(root, NAMES)).extracting(Object::toString).containsExactly(
                "metrics-service/src/main/java/dev/tide/metrics/Names.java:7: \"keda.sh/v1alpha1\" is KedaApi.API_VERSION",
                "metrics-service/src/main/java/dev/tide/metrics/Names.java:8: \"ScaledObjectReady\" is "
                        + "EventReason.SCALED_OBJECT_READY.reason() and KedaCondition.READY.reason()",
                "metrics-service/src/main/java/dev/tide/metrics/Names.java:10: \"keda-hpa-\" is KedaApi.HPA_NAME_PREFIX",
                "metrics-service/src/main/java/dev/tide/metrics/Names.java:11: \"x \\\" scaledobject.keda.sh/name\" "
                        + "contains KEDA's \"scaledobject.keda.sh/\"",
                "metrics-service/src/main/java/dev/tide/metrics/Names.java:12: \"\\n            kind: ScaledObject"
                        + "\\n            apiVersion: keda.sh/v1alpha1\\n            \" contains KEDA's \"keda.sh/v1alpha1\"");
    }

    @Test
    void leavesKedaApiTestsAndBuildOutputAlone() throws IOException {
        String spellsAName = "class Names { String group = \"keda.sh\"; }\n";
        write("keda-api/src/main/java/dev/tide/keda/api/Names.java", spellsAName);
        write("sandbox/src/test/java/dev/tide/sandbox/Names.java", spellsAName);
        write("sandbox/target/generated-sources/src/main/java/Names.java", spellsAName);
        write("deploy-checks/node_modules/x/src/main/java/Names.java", spellsAName);
        write("sandbox/src/main/java/dev/tide/sandbox/Names.java", spellsAName);

        assertThat(KedaNameScan.scan(root, NAMES)).extracting(Object::toString)
                .containsExactly("sandbox/src/main/java/dev/tide/sandbox/Names.java:1: \"keda.sh\" is KedaApi.GROUP");
    }

    private void write(String relative, String content) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
