package dev.tide.scaler.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tide.scaler.api.ScalerApi;
import dev.tide.scaler.api.TriggerConfig;
import dev.tide.scaler.host.LoadedPlugin.Origin;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PluginLoaderTest {

    private static final ClassLoader HOST = PluginLoaderTest.class.getClassLoader();
    private static final String HOST_SPI = ScalerApi.version().toString();

    @TempDir
    Path temp;

    /** The plugins folder. */
    private Path plugins;

    /** Jars on the host's class path (built-in scalers), beside the plugins folder. */
    private Path hostJars;

    @BeforeEach
    void createFolders() throws IOException {
        plugins = Files.createDirectory(temp.resolve("plugins"));
        hostJars = Files.createDirectory(temp.resolve("host"));
    }

    @Test
    void loadsTopLevelJarsAndSubFoldersEachAsOnePluginWithNameVersionAndLocation() {
        TestPlugin.scaler("alpha.jar", "alpha")
                .withManifest("Implementation-Title", "Alpha scaler")
                .withManifest("Implementation-Version", "2.3.4")
                .writeTo(plugins);
        TestPlugin.library("beta-lib.jar")
                .withSource("beta.Lib", "package beta; public class Lib { public static String type() { return \"beta\"; } }")
                .writeTo(plugins.resolve("beta"));
        TestPlugin.factoryTypeExpression("beta-scaler.jar", "beta.Lib.type()").writeTo(plugins.resolve("beta"));

        try (ScalerRegistry registry = PluginLoader.load(plugins, HOST)) {
            assertThat(registry.problems()).isEmpty();
            assertThat(registry.types()).containsExactly("alpha", "beta");
            assertThat(registry.plugins()).containsExactly(
                    new LoadedPlugin("Alpha scaler", Optional.of("2.3.4"), plugins.resolve("alpha.jar").toString(),
                            Origin.PLUGINS_FOLDER, Set.of("alpha")),
                    new LoadedPlugin("beta", Optional.empty(), plugins.resolve("beta").toString(),
                            Origin.PLUGINS_FOLDER, Set.of("beta")));
            assertThat(registry.plugin("beta")).map(LoadedPlugin::name).contains("beta");
            assertThat(registry.factory("beta")).isPresent();
            assertThat(registry.factory("gamma")).isEmpty();
        }
    }

    static Stream<Arguments> isolationProbes() {
        return Stream.of(
                Arguments.of("its own copy of a library the host also has",
                        "\"origin-\" + dev.tide.testlib.Library.origin()", "origin-plugin"),
                Arguments.of("no host class outside the SPI and SLF4J",
                        "\"junit-visible-\" + (getClass().getClassLoader().getResource(\"org/junit/jupiter/api/Test.class\") != null)",
                        "junit-visible-false"),
                Arguments.of("the host's SLF4J, so its logs reach the host's backend",
                        "\"slf4j-\" + org.slf4j.LoggerFactory.getILoggerFactory().getClass().getSimpleName()",
                        "slf4j-SimpleLoggerFactory"),
                Arguments.of("its own class loader as the thread context class loader",
                        "\"context-loader-is-plugin-\" + (Thread.currentThread().getContextClassLoader() == getClass().getClassLoader())",
                        "context-loader-is-plugin-true"));
    }

    @ParameterizedTest(name = "a plugin sees {0}")
    @MethodSource("isolationProbes")
    void aPluginSeesOnlyTheJdkTheSpiSlf4jAndItsOwnJars(String what, String typeExpression, String expectedType) {
        Path folder = plugins.resolve("probe");
        TestPlugin.library("lib.jar")
                .withSource("dev.tide.testlib.Library", """
                        package dev.tide.testlib;
                        public final class Library { public static String origin() { return "plugin"; } }
                        """)
                .writeTo(folder);
        TestPlugin.factoryTypeExpression("probe.jar", typeExpression).writeTo(folder);

        try (ScalerRegistry registry = PluginLoader.load(plugins, HOST)) {
            assertThat(registry.problems()).isEmpty();
            assertThat(registry.types()).containsExactly(expectedType);
        }
        assertThat(dev.tide.testlib.Library.origin()).isEqualTo("host");
    }

    /** A broken plugin: what to write into the plugins folder (returning its location), and what is reported. */
    record Broken(String description, Function<Path, Path> write, List<String> reported) {
        @Override
        public String toString() {
            return description;
        }
    }

    static Stream<Broken> brokenPlugins() {
        return Stream.of(
                new Broken("a factory whose constructor throws",
                        folder -> TestPlugin.scaler("boom.jar", "boom").withThrowingConstructor("kaboom").writeTo(folder),
                        List.of("a scaler factory in boom.jar failed", "could not be instantiated", "kaboom")),
                new Broken("a service file naming a missing class",
                        folder -> TestPlugin.scaler("ghost.jar", "ghost").withProvider("test.plugin.Ghost").writeTo(folder),
                        List.of("a scaler factory in ghost.jar failed", "ServiceConfigurationError",
                                "Provider test.plugin.Ghost not found")),
                new Broken("a provider that is no ScalerFactory",
                        folder -> TestPlugin.scaler("odd.jar", "odd")
                                .withSource("test.plugin.Odd", "package test.plugin; public class Odd { }")
                                .withProvider("test.plugin.Odd").writeTo(folder),
                        List.of("a scaler factory in odd.jar failed", "test.plugin.Odd not a subtype")),
                new Broken("a factory whose type() throws",
                        folder -> TestPlugin.factoryTypeExpression("typeless.jar",
                                "java.util.Objects.<String>requireNonNull(null, \"no type today\")").writeTo(folder),
                        List.of(".type() in typeless.jar failed", "NullPointerException: no type today")),
                new Broken("a file named .jar that is no jar",
                        folder -> write(folder.resolve("garbage.jar"), "not a zip"),
                        List.of("garbage.jar is not a readable jar file", "ZipException")),
                new Broken("a jar without the SPI version attribute",
                        folder -> TestPlugin.scaler("unversioned.jar", "unversioned")
                                .withManifest(ScalerApi.MANIFEST_ATTRIBUTE, null).writeTo(folder),
                        List.of("unversioned.jar does not declare the scaler SPI version it was built for",
                                "add the manifest attribute \"Tide-Scaler-Api-Version: " + HOST_SPI + "\"")),
                new Broken("a jar built for another SPI major version",
                        folder -> TestPlugin.scaler("future.jar", "future")
                                .withManifest(ScalerApi.MANIFEST_ATTRIBUTE, nextMajor()).writeTo(folder),
                        List.of("future.jar was built for scaler SPI " + nextMajor() + " but this host runs " + HOST_SPI,
                                "rebuild it against scaler-api " + HOST_SPI + " or upgrade the host")),
                new Broken("a jar built for a newer SPI minor version",
                        folder -> TestPlugin.scaler("newer.jar", "newer")
                                .withManifest(ScalerApi.MANIFEST_ATTRIBUTE, nextMinor()).writeTo(folder),
                        List.of("newer.jar was built for scaler SPI " + nextMinor() + " but this host runs " + HOST_SPI)),
                new Broken("a jar with a malformed SPI version",
                        folder -> TestPlugin.scaler("malformed.jar", "malformed")
                                .withManifest(ScalerApi.MANIFEST_ATTRIBUTE, "one").writeTo(folder),
                        List.of("malformed.jar declares Tide-Scaler-Api-Version \"one\", which is not of the form major.minor")),
                new Broken("a jar that lists no factory",
                        folder -> TestPlugin.library("lonely.jar").writeTo(folder),
                        List.of("no jar lists a scaler factory in META-INF/services/dev.tide.scaler.api.ScalerFactory")),
                new Broken("a sub-folder without jars",
                        folder -> write(folder.resolve("empty").resolve("notes.txt"), "nothing here").getParent(),
                        List.of("the folder holds no .jar file")));
    }

    @ParameterizedTest(name = "{0} is reported and skipped")
    @MethodSource("brokenPlugins")
    void aBrokenPluginIsReportedWithItsLocationAndSkippedWhileTheOthersLoad(Broken broken) {
        TestPlugin.scaler("healthy.jar", "healthy").writeTo(plugins);
        Path location = broken.write().apply(plugins);

        try (ScalerRegistry registry = PluginLoader.load(plugins, HOST)) {
            assertThat(registry.types()).containsExactly("healthy");
            assertThat(registry.problems()).singleElement().satisfies(problem -> {
                assertThat(problem.location()).isEqualTo(location.toString());
                assertThat(problem.message()).contains(broken.reported());
            });
        }
    }

    /** Writes two factories of type "twice" (into the plugins folder or the host's jars); returns their sources. */
    interface Duplicate {
        List<String> write(Path plugins, Path hostJars);
    }

    static Stream<Arguments> duplicates() {
        return Stream.of(
                Arguments.of("two plugins", (Duplicate) (plugins, hostJars) -> List.of(
                        TestPlugin.scaler("first.jar", "twice").writeTo(plugins).toString(),
                        TestPlugin.scaler("second.jar", "twice").writeTo(plugins.resolve("second")).getParent().toString())),
                Arguments.of("a built-in scaler and a plugin", (Duplicate) (plugins, hostJars) -> List.of(
                        "class path: " + TestPlugin.scaler("builtin.jar", "twice").writeTo(hostJars),
                        TestPlugin.scaler("plugin.jar", "twice").writeTo(plugins).toString())));
    }

    @ParameterizedTest(name = "one type from {0} stops the host, naming both")
    @MethodSource("duplicates")
    void twoFactoriesForOneTypeAreAStartupErrorNamingBothSources(String what, Duplicate duplicate) throws IOException {
        List<String> sources = duplicate.write(plugins, hostJars);

        try (URLClassLoader host = hostWithJars()) {
            assertThatThrownBy(() -> PluginLoader.load(plugins, host))
                    .isInstanceOf(PluginLoadException.class)
                    .hasMessageContaining("scaler type \"twice\" is provided by both")
                    .hasMessageContaining(sources.get(0))
                    .hasMessageContaining(sources.get(1))
                    .hasMessageContaining("remove the extra plugins");
        }
    }

    @Test
    void builtInScalersComeFromTheHostClassPathAndAMissingFolderMeansBuiltInsOnly() throws IOException {
        Path builtIn = TestPlugin.scaler("builtin.jar", "built-in")
                .withManifest("Implementation-Title", "Built-in scalers")
                .writeTo(hostJars);
        try (URLClassLoader host = hostWithJars();
                ScalerRegistry registry = PluginLoader.load(plugins.resolve("does-not-exist"), host)) {
            assertThat(registry.problems()).isEmpty();
            assertThat(registry.plugins()).containsExactly(new LoadedPlugin("Built-in scalers", Optional.empty(),
                    "class path: " + builtIn, Origin.CLASS_PATH, Set.of("built-in")));
        }
    }

    @Test
    void aBrokenBuiltInScalerIsReportedAndSkippedWhileTheOthersLoad() throws IOException {
        TestPlugin.scaler("builtin-boom.jar", "boom").withThrowingConstructor("kaboom").writeTo(hostJars);
        Path typeless = TestPlugin.factoryTypeExpression("builtin-typeless.jar",
                "java.util.Objects.<String>requireNonNull(null, \"no type today\")").writeTo(hostJars);
        TestPlugin.scaler("builtin-fine.jar", "fine").writeTo(hostJars);

        try (URLClassLoader host = hostWithJars(); ScalerRegistry registry = PluginLoader.load(plugins, host)) {
            assertThat(registry.types()).containsExactly("fine");
            assertThat(registry.problems()).extracting(PluginProblem::location)
                    .containsExactlyInAnyOrder("class path", "class path: " + typeless);
            assertThat(registry.problems()).extracting(PluginProblem::message).anySatisfy(message ->
                    assertThat(message).contains("Provider test.plugin.builtin_boom.Factory could not be instantiated",
                            "kaboom"));
        }
    }

    @Test
    void filesThatAreNotJarsAndHiddenEntriesAreIgnored() {
        write(plugins.resolve("README.txt"), "plugins go here");
        write(plugins.resolve("..data").resolve("plugin.jar"), "a Kubernetes volume's internals");
        TestPlugin.scaler("real.jar", "real").writeTo(plugins);

        try (ScalerRegistry registry = PluginLoader.load(plugins, HOST)) {
            assertThat(registry.problems()).isEmpty();
            assertThat(registry.types()).containsExactly("real");
        }
    }

    @Test
    void aPluginsFolderThatIsAFileIsAClearError() {
        Path file = write(plugins.resolve("plugins.conf"), "not a folder");

        assertThatThrownBy(() -> PluginLoader.load(file, HOST))
                .isInstanceOf(PluginLoadException.class)
                .hasMessage("plugins folder " + file + " is not a directory: point the plugins folder setting at a "
                        + "directory that holds one jar or one sub-folder of jars per plugin");
    }

    @Test
    void closingTheRegistryClosesThePluginClassLoaders() {
        TestPlugin.scaler("closable.jar", "closable").writeTo(plugins);
        ScalerRegistry registry = PluginLoader.load(plugins, HOST);
        var factory = registry.factory("closable").orElseThrow();

        registry.close();

        // The factory's create() needs a class it has not loaded yet; a closed class loader cannot load it.
        assertThatThrownBy(() -> factory.create(TriggerConfig.of("closable", 0, Map.of())))
                .isInstanceOf(NoClassDefFoundError.class);
    }

    /** The test's class loader plus the jars in {@link #hostJars}, standing in for a host's class path. */
    private URLClassLoader hostWithJars() throws IOException {
        try (Stream<Path> jars = Files.list(hostJars)) {
            List<URL> urls = new java.util.ArrayList<>();
            for (Path jar : jars.toList()) {
                urls.add(jar.toUri().toURL());
            }
            return new URLClassLoader(urls.toArray(URL[]::new), HOST);
        }
    }

    private static Path write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            return Files.writeString(file, content);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String nextMajor() {
        return (ScalerApi.version().major() + 1) + ".0";
    }

    private static String nextMinor() {
        return ScalerApi.version().major() + "." + (ScalerApi.version().minor() + 1);
    }
}
