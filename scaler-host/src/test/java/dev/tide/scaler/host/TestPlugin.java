package dev.tide.scaler.host;

import dev.tide.scaler.api.ScalerApi;
import dev.tide.scaler.api.ScalerFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.slf4j.LoggerFactory;

/**
 * A small plugin jar built on the fly for tests: Java sources compiled against the scaler SPI (and the jars
 * already in the target folder), a {@code META-INF/services} file and a manifest. Shared with the example
 * plugin's integration test through scaler-api's test jar.
 *
 * @param jarName the file name of the jar
 * @param sources Java sources by fully qualified class name
 * @param providers the classes listed in the service file; none for a library jar
 * @param manifest main manifest attributes; a null value leaves the attribute out
 */
public record TestPlugin(String jarName, Map<String, String> sources, List<String> providers,
        Map<String, String> manifest) {

    public TestPlugin {
        sources = Map.copyOf(sources);
        providers = List.copyOf(providers);
        manifest = Collections.unmodifiableMap(new LinkedHashMap<>(manifest)); // values may be null
    }

    /** A plugin with one factory serving {@code type}, declaring this host's SPI version. */
    public static TestPlugin scaler(String jarName, String type) {
        return factoryTypeExpression(jarName, '"' + type + '"');
    }

    /** A plugin whose factory's {@code type()} returns the value of a Java expression (to probe its class loader). */
    public static TestPlugin factoryTypeExpression(String jarName, String typeExpression) {
        String className = factoryClassName(jarName);
        Map<String, String> manifest = new LinkedHashMap<>();
        manifest.put(ScalerApi.MANIFEST_ATTRIBUTE, ScalerApi.version().toString());
        return new TestPlugin(jarName, Map.of(className, factorySource(className, typeExpression, "")),
                List.of(className), manifest);
    }

    /** A jar without factories (a plugin's library). */
    public static TestPlugin library(String jarName) {
        return new TestPlugin(jarName, Map.of(), List.of(), Map.of());
    }

    /** The same plugin, its factory's constructor throwing {@code IllegalStateException(message)}. */
    public TestPlugin withThrowingConstructor(String message) {
        String className = providers.get(0);
        String body = "if (true) { throw new IllegalStateException(\"" + message + "\"); }";
        return withSource(className, factorySource(className, "\"unreachable\"", body));
    }

    public TestPlugin withSource(String className, String source) {
        Map<String, String> all = new LinkedHashMap<>(sources);
        all.put(className, source);
        return new TestPlugin(jarName, all, providers, manifest);
    }

    /** Lists a class in the service file, whether or not it exists. */
    public TestPlugin withProvider(String className) {
        List<String> all = new ArrayList<>(providers);
        all.add(className);
        return new TestPlugin(jarName, sources, all, manifest);
    }

    /** Sets a main manifest attribute; {@code null} removes it. */
    public TestPlugin withManifest(String attribute, String value) {
        Map<String, String> all = new LinkedHashMap<>(manifest);
        all.put(attribute, value);
        return new TestPlugin(jarName, sources, providers, all);
    }

    /** Compiles the sources and writes the jar into {@code folder} (created if needed); returns the jar. */
    public Path writeTo(Path folder) {
        try {
            Files.createDirectories(folder);
            Path work = Files.createTempDirectory("tide-test-plugin");
            Path classes = compile(folder, work);
            Path jar = folder.resolve(jarName);
            try (OutputStream file = Files.newOutputStream(jar);
                    JarOutputStream out = new JarOutputStream(file, jarManifest())) {
                if (!providers.isEmpty()) {
                    out.putNextEntry(new JarEntry(PluginLoader.SERVICE_FILE));
                    out.write((String.join("\n", providers) + "\n").getBytes(StandardCharsets.UTF_8));
                    out.closeEntry();
                }
                for (Path classFile : files(classes)) {
                    out.putNextEntry(new JarEntry(classes.relativize(classFile).toString().replace('\\', '/')));
                    out.write(Files.readAllBytes(classFile));
                    out.closeEntry();
                }
            } finally {
                deleteRecursively(work);
            }
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Manifest jarManifest() {
        Manifest result = new Manifest();
        result.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.forEach((name, value) -> {
            if (value != null) {
                result.getMainAttributes().putValue(name, value);
            }
        });
        return result;
    }

    private Path compile(Path folder, Path work) throws IOException {
        Path classes = Files.createDirectories(work.resolve("classes"));
        if (sources.isEmpty()) {
            return classes;
        }
        List<String> files = new ArrayList<>();
        for (Map.Entry<String, String> source : sources.entrySet()) {
            Path file = work.resolve("src").resolve(source.getKey().replace('.', '/') + ".java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, source.getValue());
            files.add(file.toString());
        }
        List<String> classPath = new ArrayList<>(List.of(location(ScalerFactory.class), location(LoggerFactory.class)));
        try (Stream<Path> siblings = Files.list(folder)) {
            siblings.filter(path -> path.toString().endsWith(".jar")).map(Path::toString).forEach(classPath::add);
        }
        List<String> arguments = new ArrayList<>(List.of("--release", "17", "-proc:none", "-d", classes.toString(),
                "-classpath", String.join(java.io.File.pathSeparator, classPath)));
        arguments.addAll(files);
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new IllegalStateException("no Java compiler in this JVM: run the tests on a JDK, not a JRE");
        }
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        if (compiler.run(null, errors, errors, arguments.toArray(String[]::new)) != 0) {
            throw new IllegalStateException("test plugin " + jarName + " does not compile:\n" + errors.toString(StandardCharsets.UTF_8));
        }
        return classes;
    }

    private static String factoryClassName(String jarName) {
        String simple = jarName.replaceAll("\\.jar$", "").replaceAll("[^A-Za-z0-9]", "_");
        return "test.plugin." + simple + ".Factory";
    }

    private static String factorySource(String className, String typeExpression, String constructorBody) {
        int dot = className.lastIndexOf('.');
        return """
                package %s;

                public class %s implements dev.tide.scaler.api.ScalerFactory {
                    public %s() { %s }
                    @Override public String type() { return %s; }
                    @Override public dev.tide.scaler.api.Scaler create(dev.tide.scaler.api.TriggerConfig config) {
                        throw new UnsupportedOperationException("a test plugin builds no scaler " + new Loaded());
                    }
                    /** Loaded on the first create(): once the plugin's class loader is closed, it cannot be. */
                    static final class Loaded { }
                    @Override public java.util.List<Class<? extends Record>> parameterTypes() {
                        return java.util.List.of();
                    }
                }
                """.formatted(className.substring(0, dot), className.substring(dot + 1), className.substring(dot + 1),
                constructorBody, typeExpression);
    }

    private static String location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Path> files(Path folder) throws IOException {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private static void deleteRecursively(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
