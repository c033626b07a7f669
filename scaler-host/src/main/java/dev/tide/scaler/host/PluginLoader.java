package dev.tide.scaler.host;

import dev.tide.scaler.api.ScalerApi;
import dev.tide.scaler.api.ScalerApi.ApiVersion;
import dev.tide.scaler.api.ScalerFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds every scaler factory: the built-in ones on the host's class path, and the drop-in plugins of a plugins
 * folder, each plugin in a class loader of its own that sees only the JDK, the scaler SPI and SLF4J.
 *
 * <p>A plugins folder holds one plugin per top-level jar or per sub-folder (all jars directly in it). The jar
 * that lists its factories in {@code META-INF/services/dev.tide.scaler.api.ScalerFactory} must declare the SPI
 * version it was built against in the manifest attribute {@value ScalerApi#MANIFEST_ATTRIBUTE}.
 *
 * <p>Outcomes: a plugin that cannot be loaded (unreadable jar, missing or incompatible SPI version, a provider
 * that cannot be found or constructed, a {@code type()} that throws) is logged, reported in
 * {@link ScalerRegistry#problems()} and skipped; the other plugins load. Two factories with one {@code type()},
 * or a plugins folder that exists but is not a readable directory, stop the host with a
 * {@link PluginLoadException}. Files that are not jars are ignored with a log line; a missing folder means the
 * built-in scalers only.
 */
public final class PluginLoader {

    /** The service file that lists a jar's scaler factories. */
    public static final String SERVICE_FILE = "META-INF/services/" + ScalerFactory.class.getName();

    private static final Logger LOG = LoggerFactory.getLogger(PluginLoader.class);

    /** Stops a class path scan that keeps failing, should a broken provider make the iterator repeat itself. */
    private static final int MAX_PROVIDER_ERRORS = 100;

    private PluginLoader() {
    }

    /** Loads the built-in scalers visible to the class loader of the SPI, and the plugins in {@code pluginsFolder}. */
    public static ScalerRegistry load(Path pluginsFolder) {
        return load(pluginsFolder, ScalerFactory.class.getClassLoader());
    }

    /**
     * Loads the built-in scalers visible to {@code hostClassLoader}, and the plugins in {@code pluginsFolder}.
     * The SPI and SLF4J packages that plugins see are taken from {@code hostClassLoader} too.
     *
     * @throws PluginLoadException when two factories serve one type, or the folder exists but cannot be listed
     */
    public static ScalerRegistry load(Path pluginsFolder, ClassLoader hostClassLoader) {
        Objects.requireNonNull(pluginsFolder, "pluginsFolder");
        Objects.requireNonNull(hostClassLoader, "hostClassLoader");
        return load(PluginCandidate.scan(pluginsFolder.toAbsolutePath().normalize()), hostClassLoader);
    }

    /** Loads the built-in scalers visible to the class loader of the SPI, and no plugins folder (tools, tests). */
    public static ScalerRegistry loadBuiltIns() {
        return load(List.of(), ScalerFactory.class.getClassLoader());
    }

    private static ScalerRegistry load(List<PluginCandidate> candidates, ClassLoader hostClassLoader) {
        List<PluginProblem> problems = new ArrayList<>();
        List<LoadedUnit> units = new ArrayList<>(loadBuiltIns(hostClassLoader, problems));
        ClassLoader parent = new SpiOnlyClassLoader(hostClassLoader);
        for (PluginCandidate candidate : candidates) {
            try {
                units.add(loadPlugin(candidate, parent));
            } catch (RefusedException e) {
                PluginProblem problem = new PluginProblem(candidate.location().toString(), e.getMessage());
                LOG.error("Skipped scaler plugin {}: {}", problem.location(), problem.message());
                problems.add(problem);
            }
        }
        ScalerRegistry registry = new ScalerRegistry(units, problems);
        try {
            requireOneFactoryPerType(units);
        } catch (PluginLoadException e) {
            registry.close();
            throw e;
        }
        units.forEach(unit -> LOG.info("Loaded {} {}", unit.plugin().origin() == LoadedPlugin.Origin.CLASS_PATH
                ? "built-in scalers" : "scaler plugin", unit.plugin()));
        return registry;
    }

    private static List<LoadedUnit> loadBuiltIns(ClassLoader host, List<PluginProblem> problems) {
        List<ScalerFactory> factories = instantiate(ServiceLoader.load(ScalerFactory.class, host), error -> {
            PluginProblem problem = new PluginProblem("class path", "a scaler factory failed: " + describe(error));
            LOG.error("Skipped a built-in scaler: {}", problem.message());
            problems.add(problem);
        });
        Map<String, List<Provided>> byLocation = new LinkedHashMap<>();
        for (ScalerFactory factory : factories) {
            String location = "class path: " + codeSource(factory.getClass());
            try {
                Provided provided = new Provided(factory.type(), factory);
                byLocation.computeIfAbsent(location, key -> new ArrayList<>()).add(provided);
            } catch (RuntimeException | LinkageError e) {
                PluginProblem problem = new PluginProblem(location,
                        factory.getClass().getName() + ".type() failed: " + describe(e));
                LOG.error("Skipped a built-in scaler from {}: {}", location, problem.message());
                problems.add(problem);
            }
        }
        return byLocation.entrySet().stream().map(entry -> {
            Package pkg = entry.getValue().get(0).factory().getClass().getPackage();
            String fallbackName = lastSegment(entry.getKey());
            LoadedPlugin plugin = new LoadedPlugin(
                    Optional.ofNullable(pkg.getImplementationTitle()).orElse(fallbackName),
                    Optional.ofNullable(pkg.getImplementationVersion()),
                    entry.getKey(), LoadedPlugin.Origin.CLASS_PATH, types(entry.getValue()));
            return new LoadedUnit(plugin, entry.getValue(), Optional.empty());
        }).toList();
    }

    private static LoadedUnit loadPlugin(PluginCandidate candidate, ClassLoader parent) {
        if (candidate.jars().isEmpty()) {
            throw new RefusedException("the folder holds no .jar file");
        }
        List<PluginJar> jars = candidate.jars().stream().map(PluginLoader::readJar).toList();
        List<PluginJar> providerJars = jars.stream().filter(PluginJar::declaresFactories).toList();
        if (providerJars.isEmpty()) {
            throw new RefusedException("no jar lists a scaler factory in " + SERVICE_FILE);
        }
        providerJars.forEach(PluginLoader::requireCompatibleApiVersion);
        String jarNames = providerJars.stream().map(jar -> jar.path().getFileName().toString())
                .collect(Collectors.joining(", "));

        Attributes mainAttributes = providerJars.get(0).manifest().getMainAttributes();
        String name = Optional.ofNullable(mainAttributes.getValue(Attributes.Name.IMPLEMENTATION_TITLE))
                .orElse(candidate.fallbackName());
        URLClassLoader classLoader = new URLClassLoader("tide-plugin-" + name,
                jars.stream().map(jar -> toUrl(jar.path())).toArray(URL[]::new), parent);
        try {
            List<Provided> provided = PluginScalerFactory.withPluginContext(classLoader,
                    () -> instantiatePlugin(classLoader, jarNames));
            if (provided.isEmpty()) {
                throw new RefusedException(SERVICE_FILE + " in " + jarNames + " names no factory");
            }
            LoadedPlugin plugin = new LoadedPlugin(name,
                    Optional.ofNullable(mainAttributes.getValue(Attributes.Name.IMPLEMENTATION_VERSION)),
                    candidate.location().toString(), LoadedPlugin.Origin.PLUGINS_FOLDER, types(provided));
            return new LoadedUnit(plugin, provided, Optional.of(classLoader));
        } catch (RuntimeException | Error e) {
            closeQuietly(classLoader);
            throw e;
        }
    }

    private static List<Provided> instantiatePlugin(URLClassLoader classLoader, String jarNames) {
        List<Throwable> errors = new ArrayList<>();
        List<ScalerFactory> factories = instantiate(ServiceLoader.load(ScalerFactory.class, classLoader), errors::add);
        if (!errors.isEmpty()) {
            throw new RefusedException("a scaler factory in " + jarNames + " failed: "
                    + errors.stream().map(PluginLoader::describe).collect(Collectors.joining("; ")));
        }
        List<Provided> provided = new ArrayList<>();
        for (ScalerFactory factory : factories) {
            try {
                provided.add(new Provided(factory.type(), new PluginScalerFactory(factory, classLoader)));
            } catch (RuntimeException | LinkageError e) {
                throw new RefusedException(factory.getClass().getName() + ".type() in " + jarNames + " failed: "
                        + describe(e));
            }
        }
        return provided;
    }

    /** Instantiates every provider it can, handing each failure to {@code onError} instead of giving up. */
    private static List<ScalerFactory> instantiate(ServiceLoader<ScalerFactory> loader,
            Consumer<Throwable> onError) {
        List<ScalerFactory> factories = new ArrayList<>();
        Iterator<ScalerFactory> providers = loader.iterator();
        int errors = 0;
        while (errors < MAX_PROVIDER_ERRORS) {
            try {
                if (!providers.hasNext()) {
                    break;
                }
                factories.add(providers.next());
            } catch (ServiceConfigurationError | LinkageError e) {
                // ServiceLoader moves past the failing provider, so the next call tries the next one.
                errors++;
                onError.accept(e);
            }
        }
        return factories;
    }

    private static PluginJar readJar(Path path) {
        try (JarFile jar = new JarFile(path.toFile())) {
            Manifest manifest = Optional.ofNullable(jar.getManifest()).orElseGet(Manifest::new);
            return new PluginJar(path, manifest, jar.getEntry(SERVICE_FILE) != null);
        } catch (IOException | UncheckedIOException | SecurityException e) {
            throw new RefusedException(path.getFileName() + " is not a readable jar file: " + e);
        }
    }

    private static void requireCompatibleApiVersion(PluginJar jar) {
        ApiVersion host = ScalerApi.version();
        String declared = jar.manifest().getMainAttributes().getValue(ScalerApi.MANIFEST_ATTRIBUTE);
        String jarName = jar.path().getFileName().toString();
        if (declared == null || declared.isBlank()) {
            throw new RefusedException(jarName + " does not declare the scaler SPI version it was built for: add "
                    + "the manifest attribute \"" + ScalerApi.MANIFEST_ATTRIBUTE + ": " + host + "\" (with Maven: "
                    + "maven-jar-plugin <archive><manifestEntries><" + ScalerApi.MANIFEST_ATTRIBUTE + ">)");
        }
        ApiVersion pluginVersion;
        try {
            pluginVersion = ApiVersion.parse(declared);
        } catch (IllegalArgumentException e) {
            throw new RefusedException(jarName + " declares " + ScalerApi.MANIFEST_ATTRIBUTE + " \"" + declared.trim()
                    + "\", which is not of the form major.minor (this host runs " + host + ")");
        }
        if (!host.accepts(pluginVersion)) {
            throw new RefusedException(jarName + " was built for scaler SPI " + pluginVersion + " but this host runs "
                    + host + ": a plugin needs SPI major version " + host.major() + " and minor version "
                    + host.minor() + " or lower; rebuild it against scaler-api " + host + " or upgrade the host");
        }
    }

    private static void requireOneFactoryPerType(List<LoadedUnit> units) {
        Map<String, List<String>> sources = new TreeMap<>();
        units.forEach(unit -> unit.provided().forEach(provided ->
                sources.computeIfAbsent(provided.type(), type -> new ArrayList<>()).add(unit.plugin().location())));
        List<String> clashes = sources.entrySet().stream()
                .filter(entry -> entry.getValue().size() > 1)
                .map(entry -> "scaler type \"" + entry.getKey() + "\" is provided by both "
                        + String.join(" and ", entry.getValue()))
                .toList();
        if (!clashes.isEmpty()) {
            throw new PluginLoadException(String.join("; ", clashes)
                    + ": a trigger type needs exactly one factory; remove the extra plugins from the plugins folder "
                    + "or the class path");
        }
    }

    private static Set<String> types(List<Provided> provided) {
        return provided.stream().map(Provided::type).collect(Collectors.toSet());
    }

    private static String codeSource(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return "unknown location of " + type.getName();
        }
        try {
            return Path.of(source.getLocation().toURI()).toString();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return source.getLocation().toString();
        }
    }

    /** {@code scaler-kafka.jar} from a file path or a nested URL such as {@code jar:nested:/app.jar/!BOOT-INF/lib/scaler-kafka.jar!/}. */
    private static String lastSegment(String location) {
        String trimmed = location.replaceAll("[!/\\\\]+$", "");
        return trimmed.substring(Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\')) + 1);
    }

    private static URL toUrl(Path path) {
        try {
            return path.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new RefusedException(path + " cannot be turned into a class path URL: " + e);
        }
    }

    /** The exception and its causes, each as {@code Type: message}. */
    private static String describe(Throwable error) {
        StringBuilder text = new StringBuilder(error.toString());
        for (Throwable cause = error.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            text.append("; caused by ").append(cause);
        }
        return text.toString();
    }

    static void closeQuietly(URLClassLoader classLoader) {
        try {
            classLoader.close();
        } catch (IOException e) {
            LOG.warn("Could not close the class loader {}: {}; its jar files stay open until the host exits",
                    classLoader.getName(), e.toString());
        }
    }

    /** A factory and the type it serves, asked once. */
    record Provided(String type, ScalerFactory factory) {
    }

    /** A loaded plugin, its factories, and the class loader that the registry closes. */
    record LoadedUnit(LoadedPlugin plugin, List<Provided> provided, Optional<URLClassLoader> classLoader) {
    }

    private record PluginJar(Path path, Manifest manifest, boolean declaresFactories) {
    }

    /** Why one plugin is skipped; becomes a {@link PluginProblem}. */
    private static final class RefusedException extends RuntimeException {
        RefusedException(String message) {
            super(message, null, false, false);
        }
    }
}
