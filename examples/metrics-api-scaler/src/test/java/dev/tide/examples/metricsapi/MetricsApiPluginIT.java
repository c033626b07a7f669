package dev.tide.examples.metricsapi;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.tide.scaler.api.MetricValue;
import dev.tide.scaler.api.Scaler;
import dev.tide.scaler.api.ScalerApi;
import dev.tide.scaler.api.ScalerSample;
import dev.tide.scaler.api.TriggerConfig;
import dev.tide.scaler.host.LoadedPlugin;
import dev.tide.scaler.host.PluginLoadException;
import dev.tide.scaler.host.PluginLoader;
import dev.tide.scaler.host.PluginProblem;
import dev.tide.scaler.host.ScalerRegistry;
import dev.tide.scaler.host.TestPlugin;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The packaged plugin as a host meets it: its folder (target/plugin/metrics-api-scaler, laid out by the build)
 * is copied into a plugins folder and loaded through {@link PluginLoader}. This test's class path has neither
 * the plugin's classes nor its Jackson (see the Failsafe configuration), so everything it uses comes through
 * the plugin's own class loader.
 */
class MetricsApiPluginIT {

    @RegisterExtension
    static final WireMockExtension API = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final Path BUILT_PLUGIN = Path.of(System.getProperty("tide.plugin.folder",
            "target/plugin/metrics-api-scaler"));
    private static final String PLUGIN_VERSION = System.getProperty("tide.plugin.version", "unknown");

    @TempDir
    Path plugins;

    private Path plugin;

    @BeforeEach
    void dropTheBuiltPluginIntoThePluginsFolder() throws IOException {
        assertThat(BUILT_PLUGIN).as("the plugin folder laid out by 'mvn package'").isDirectory();
        plugin = Files.createDirectory(plugins.resolve("metrics-api-scaler"));
        try (Stream<Path> jars = Files.list(BUILT_PLUGIN)) {
            for (Path jar : jars.toList()) {
                Files.copy(jar, plugin.resolve(jar.getFileName()));
            }
        }
    }

    @Test
    void theHostSeesNeitherThePluginNorItsLibraries() {
        ClassLoader host = getClass().getClassLoader();
        assertThat(host.getResource("dev/tide/scaler/metricsapi/MetricsApiScalerFactory.class")).isNull();
        assertThat(host.getResource("com/fasterxml/jackson/databind/ObjectMapper.class")).isNull();
        assertThat(host.getResource("org/snakeyaml/engine/v2/api/Load.class")).isNull();
        assertThat(plugin.resolve("metrics-api-scaler-" + PLUGIN_VERSION + ".jar")).isRegularFile();
        assertThat(plugin).isDirectoryContaining(path -> path.getFileName().toString().startsWith("jackson-databind-"))
                .isDirectoryContaining(path -> path.getFileName().toString().startsWith("snakeyaml-engine-"));
    }

    @Test
    void loadsThePluginInItsOwnClassLoaderAndSamplesTheApi() {
        API.stubFor(get("/api/v1/stats").willReturn(okJson("{\"components\": {\"worker\": {\"tasks\": 12}}}")));
        TriggerConfig trigger = TriggerConfig.builder("metrics-api").triggerIndex(2).metadata(Map.of(
                "url", API.baseUrl() + "/api/v1/stats", "valueLocation", "components.worker.tasks", "targetValue", "5"))
                .build();

        try (ScalerRegistry registry = PluginLoader.load(plugins)) {
            assertThat(registry.problems()).isEmpty();
            assertThat(registry.plugins()).containsExactly(new LoadedPlugin("metrics-api-scaler",
                    Optional.of(PLUGIN_VERSION), plugin.toString(), LoadedPlugin.Origin.PLUGINS_FOLDER,
                    Set.of("metrics-api")));
            try (Scaler scaler = registry.factory("metrics-api").orElseThrow().create(trigger)) {
                String metricName = scaler.metricSpecs().get(0).metricName();
                assertThat(metricName).isEqualTo("s2-metric-api-components-worker-tasks");
                assertThat(scaler.sample(metricName)).isEqualTo(ScalerSample.of(MetricValue.of(metricName, 12), true));
            }
        }
    }

    /** The yaml format reads with the snakeyaml-engine jar of the plugin folder, which the host does not have. */
    @Test
    void thePluginReadsWithTheLibrariesOfItsOwnFolder() {
        API.stubFor(get("/stats.yaml").willReturn(ok("components:\n  worker:\n    tasks: 1.5k\n")));
        TriggerConfig trigger = TriggerConfig.builder("metrics-api").metadata(Map.of("url", API.baseUrl() + "/stats.yaml",
                "format", "yaml", "valueLocation", "components.worker.tasks", "targetValue", "5")).build();

        try (ScalerRegistry registry = PluginLoader.load(plugins);
                Scaler scaler = registry.factory("metrics-api").orElseThrow().create(trigger)) {
            assertThat(scaler.sample("m").values()).containsExactly(MetricValue.of("m", 1500));
        }
    }

    static Stream<Arguments> neighbours() {
        return Stream.of(
                Arguments.of("a provider that throws is reported and skipped",
                        (Function<Path, List<PluginProblem>>) plugins -> List.of(new PluginProblem(
                                TestPlugin.scaler("boom.jar", "boom").withThrowingConstructor("kaboom").writeTo(plugins)
                                        .toString(),
                                "a scaler factory in boom.jar failed: java.util.ServiceConfigurationError: "
                                        + "dev.tide.scaler.api.ScalerFactory: Provider test.plugin.boom.Factory could "
                                        + "not be instantiated; caused by java.lang.IllegalStateException: kaboom"))),
                Arguments.of("a file that is not a jar is ignored",
                        (Function<Path, List<PluginProblem>>) plugins -> {
                            write(plugins.resolve("README.md"), "# our plugins");
                            return List.of();
                        }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("neighbours")
    void thePluginLoadsBesideBrokenAndStrayEntries(String what, Function<Path, List<PluginProblem>> addNeighbour) {
        List<PluginProblem> expected = addNeighbour.apply(plugins);

        try (ScalerRegistry registry = PluginLoader.load(plugins)) {
            assertThat(registry.types()).containsExactly("metrics-api");
            assertThat(registry.problems()).isEqualTo(expected);
        }
    }

    @Test
    void aSecondFactoryForMetricsApiStopsTheHostNamingBothPlugins() {
        Path impostor = TestPlugin.scaler("impostor.jar", "metrics-api").writeTo(plugins);

        assertThatThrownBy(() -> PluginLoader.load(plugins))
                .isInstanceOf(PluginLoadException.class)
                .hasMessage("scaler type \"metrics-api\" is provided by both " + impostor + " and " + plugin
                        + ": a trigger type needs exactly one factory; remove the extra plugins from the plugins "
                        + "folder or the class path");
    }

    /**
     * Why this jar is not for a stock Tide: Tide's class path already has the built-in metrics-api scaler (the same
     * classes, from scaler-metrics-api's jar), and two factories for one type stop the host, naming both.
     */
    @Test
    void thisPluginInATideThatHasTheBuiltInScalerStopsTheHostNamingBoth() throws IOException {
        Path builtIn = Path.of(System.getProperty("tide.builtin.jar", "no built-in jar given"));
        assertThat(builtIn).as("scaler-metrics-api's jar").isRegularFile();

        try (URLClassLoader stockTide = new URLClassLoader(new URL[] {builtIn.toUri().toURL()}, getClass().getClassLoader())) {
            assertThatThrownBy(() -> PluginLoader.load(plugins, stockTide))
                    .isInstanceOf(PluginLoadException.class)
                    .hasMessage("scaler type \"metrics-api\" is provided by both class path: " + builtIn + " and " + plugin
                            + ": a trigger type needs exactly one factory; remove the extra plugins from the plugins "
                            + "folder or the class path");
        }
    }

    @Test
    void aPluginBuiltForAnotherSpiMajorVersionIsRefused() throws IOException {
        String otherMajor = (ScalerApi.version().major() + 1) + ".0";
        Path jar = plugin.resolve("metrics-api-scaler-" + PLUGIN_VERSION + ".jar");
        rewriteManifestAttribute(jar, ScalerApi.MANIFEST_ATTRIBUTE, otherMajor);

        try (ScalerRegistry registry = PluginLoader.load(plugins)) {
            assertThat(registry.types()).isEmpty();
            assertThat(registry.problems()).containsExactly(new PluginProblem(plugin.toString(), jar.getFileName()
                    + " was built for scaler SPI " + otherMajor + " but this host runs " + ScalerApi.version()
                    + ": a plugin needs SPI major version " + ScalerApi.version().major() + " and minor version "
                    + ScalerApi.version().minor() + " or lower; rebuild it against scaler-api " + ScalerApi.version()
                    + " or upgrade the host"));
        }
    }

    private static void rewriteManifestAttribute(Path jar, String attribute, String value) throws IOException {
        Path rewritten = jar.resolveSibling(jar.getFileName() + ".rewritten");
        try (JarInputStream in = new JarInputStream(Files.newInputStream(jar))) {
            Manifest manifest = in.getManifest();
            manifest.getMainAttributes().putValue(attribute, value);
            try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(rewritten), manifest)) {
                for (JarEntry entry = in.getNextJarEntry(); entry != null; entry = in.getNextJarEntry()) {
                    out.putNextEntry(new JarEntry(entry.getName()));
                    in.transferTo(out);
                    out.closeEntry();
                }
            }
        }
        Files.move(rewritten, jar, StandardCopyOption.REPLACE_EXISTING);
    }

    private static void write(Path file, String content) {
        try {
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
