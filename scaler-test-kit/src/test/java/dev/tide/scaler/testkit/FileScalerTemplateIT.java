package dev.tide.scaler.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tide.scaler.api.MetricValue;
import dev.tide.scaler.api.Scaler;
import dev.tide.scaler.api.ScalerSample;
import dev.tide.scaler.api.TriggerConfig;
import dev.tide.scaler.host.LoadedPlugin;
import dev.tide.scaler.host.PluginLoader;
import dev.tide.scaler.host.ScalerRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The template of docs/writing-a-scaler.md, {@code examples/file-scaler}, copied and built on its own as an author
 * builds it (its tests run the test kit), then loaded from its plugin folder as the controller loads plugins.
 *
 * <p>{@code verify} does not install, so the nested build cannot find this reactor's artifacts in the local
 * repository: they are laid out in a repository under {@code target/} (the POMs from the source tree, the jars the
 * reactor just built), and the outer build's repository is its read-only tail (Maven 3.9's
 * {@code maven.repo.local.tail}) for everything else, offline.
 */
class FileScalerTemplateIT {

    private static final Path ROOT = Path.of(System.getProperty("tide.root", "..")).toAbsolutePath().normalize();
    private static final String VERSION = System.getProperty("tide.version", "0.1.0-SNAPSHOT");
    private static final Path WORK = Path.of("target/template-it").toAbsolutePath();
    private static final Path PROJECT = WORK.resolve("my-scaler");

    @BeforeAll
    static void copyAndBuildTheTemplate() throws IOException, InterruptedException {
        deleteRecursively(WORK);
        copyTemplate(ROOT.resolve("examples/file-scaler"), PROJECT);
        Path repository = WORK.resolve("repository");
        put(repository, "tide-parent", "pom", ROOT.resolve("pom.xml"));
        put(repository, "tide-bom", "pom", ROOT.resolve("tide-bom/pom.xml"));
        put(repository, "scaler-api", "pom", ROOT.resolve("scaler-api/pom.xml"));
        put(repository, "scaler-api", "jar", Path.of(System.getProperty("tide.scaler-api.jar")));
        put(repository, "scaler-test-kit", "pom", ROOT.resolve("scaler-test-kit/pom.xml"));
        put(repository, "scaler-test-kit", "jar", Path.of(System.getProperty("tide.test-kit.jar")));

        Path log = WORK.resolve("build.log");
        Process build = new ProcessBuilder(ROOT.resolve("mvnw").toString(), "-B", "-o", "package",
                "-Dmaven.repo.local=" + repository,
                "-Dmaven.repo.local.tail=" + System.getProperty("tide.maven.repo"))
                .directory(PROJECT.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        boolean finished = build.waitFor(5, TimeUnit.MINUTES);
        if (!finished) {
            build.destroyForcibly();
        }
        assertThat(finished && build.exitValue() == 0)
                .as("the template's build (%s) succeeds; its log ends with:%n%s", log, tail(log))
                .isTrue();
    }

    @Test
    void theTemplatesOwnTestsRanTheTestKitsContract() throws IOException {
        String report = Files.readString(PROJECT.resolve(
                "target/surefire-reports/com.example.filescaler.FileScalerContractTest.txt"));

        assertThat(report).contains("Tests run: 4, Failures: 0, Errors: 0, Skipped: 0");
    }

    @Test
    void theBuiltPluginFolderLoadsAndServesItsType() throws IOException {
        Path plugins = PROJECT.resolve("target/plugin");
        Path value = Files.writeString(WORK.resolve("queue-length"), "7");
        TriggerConfig trigger = TriggerConfig.of("file", 0, Map.of("path", value.toString(), "targetValue", "5"));

        try (ScalerRegistry registry = PluginLoader.load(plugins)) {
            assertThat(registry.problems()).isEmpty();
            assertThat(registry.plugin("file")).map(LoadedPlugin::name).contains("file-scaler");
            try (Scaler scaler = registry.factory("file").orElseThrow().create(trigger)) {
                String metricName = scaler.metricSpecs().get(0).metricName();
                assertThat(scaler.sample(metricName)).isEqualTo(ScalerSample.of(MetricValue.of(metricName, 7), true));
            }
        }
    }

    /** The template's sources, as an author copies them: without its build output. */
    private static void copyTemplate(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path relative = from.relativize(file);
                if (!relative.startsWith("target")) {
                    Files.createDirectories(to.resolve(relative).getParent());
                    Files.copy(file, to.resolve(relative), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /** One artifact of group {@code dev.tide} in the Maven repository layout, as {@code install} would put it. */
    private static void put(Path repository, String artifactId, String extension, Path file) throws IOException {
        assertThat(file).as("the reactor's %s %s", artifactId, extension).isRegularFile();
        Path folder = repository.resolve("dev/tide").resolve(artifactId).resolve(VERSION);
        Files.createDirectories(folder);
        Files.copy(file, folder.resolve(artifactId + "-" + VERSION + "." + extension), StandardCopyOption.REPLACE_EXISTING);
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join(System.lineSeparator(), lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static void deleteRecursively(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted((a, b) -> b.compareTo(a)).forEach(file -> {
                try {
                    Files.delete(file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
