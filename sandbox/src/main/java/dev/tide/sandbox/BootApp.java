package dev.tide.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * One of Tide's services, unchanged, started from its executable jar as a {@code SpringApplication} in a class
 * loader of its own: each service keeps its own {@code application.yaml}, Spring and fabric8 versions, as in its
 * container, and none of them leak into the sandbox.
 */
final class BootApp implements AutoCloseable {

    private static final String CLASSES = "BOOT-INF/classes/";
    private static final String LIB = "BOOT-INF/lib/";

    private final String name;
    private final URLClassLoader loader;
    private final AutoCloseable context;

    private BootApp(String name, URLClassLoader loader, AutoCloseable context) {
        this.name = name;
        this.loader = loader;
        this.context = context;
    }

    /**
     * Unpacks {@code jar} (once per jar version) under {@code workDir} and runs its {@code Start-Class} with
     * {@code args}; returns once the application context is started.
     */
    static BootApp start(String name, Path jar, Path workDir, List<String> args) {
        Path dir = unpack(jar, workDir.resolve(name));
        try {
            String startClass;
            try (JarFile file = new JarFile(jar.toFile())) {
                startClass = file.getManifest().getMainAttributes().getValue("Start-Class");
            }
            List<URL> urls = new ArrayList<>();
            urls.add(dir.resolve("classes").toUri().toURL());
            try (Stream<Path> libs = Files.list(dir.resolve("lib"))) {
                for (Path lib : libs.sorted().toList()) {
                    urls.add(lib.toUri().toURL());
                }
            }
            URLClassLoader loader = new URLClassLoader(name, urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
            Thread thread = Thread.currentThread();
            ClassLoader previous = thread.getContextClassLoader();
            thread.setContextClassLoader(loader);
            try {
                disableTomcatUrlFactory(loader);
                Class<?> application = loader.loadClass("org.springframework.boot.SpringApplication");
                Method run = application.getMethod("run", Class.class, String[].class);
                Object context = run.invoke(null, loader.loadClass(startClass), args.toArray(String[]::new));
                return new BootApp(name, loader, (AutoCloseable) context);
            } finally {
                thread.setContextClassLoader(previous);
            }
        } catch (InvocationTargetException e) {
            throw new SandboxException(name + " did not start: " + e.getCause(), e.getCause());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ReflectiveOperationException e) {
            throw new SandboxException(name + " is not a Spring Boot executable jar: " + jar, e);
        }
    }

    /**
     * Each embedded Tomcat registers a JVM-wide URL stream handler factory for its {@code war:} URLs, and the JVM
     * accepts one only: with two services in one JVM the second would fail to start. Neither serves a war.
     */
    private static void disableTomcatUrlFactory(ClassLoader loader) throws ReflectiveOperationException {
        try {
            loader.loadClass("org.apache.catalina.webresources.TomcatURLStreamHandlerFactory").getMethod("disable")
                    .invoke(null);
        } catch (ClassNotFoundException e) {
            // No Tomcat in this service.
        }
    }

    private static Path unpack(Path jar, Path dir) {
        try {
            Path stamp = dir.resolve(".unpacked-" + Files.getLastModifiedTime(jar).toMillis() + "-" + Files.size(jar));
            if (Files.exists(stamp)) {
                return dir;
            }
            if (Files.exists(dir)) {
                try (Stream<Path> old = Files.walk(dir)) {
                    for (Path path : old.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.delete(path);
                    }
                }
            }
            Files.createDirectories(dir.resolve("classes"));
            Files.createDirectories(dir.resolve("lib"));
            try (JarFile file = new JarFile(jar.toFile())) {
                Enumeration<JarEntry> entries = file.entries();
                while (entries.hasMoreElements()) {
                    JarEntry entry = entries.nextElement();
                    String entryName = entry.getName();
                    Path target;
                    if (entryName.startsWith(CLASSES)) {
                        target = dir.resolve("classes").resolve(entryName.substring(CLASSES.length()));
                    } else if (entryName.startsWith(LIB)) {
                        target = dir.resolve("lib").resolve(entryName.substring(LIB.length()));
                    } else {
                        continue;
                    }
                    if (!target.normalize().startsWith(dir)) {
                        throw new SandboxException("unexpected entry " + entryName + " in " + jar);
                    }
                    if (entry.isDirectory()) {
                        Files.createDirectories(target);
                    } else {
                        Files.createDirectories(target.getParent());
                        try (InputStream in = file.getInputStream(entry)) {
                            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                        }
                    }
                }
            }
            Files.createFile(stamp);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack " + jar, e);
        }
    }

    @Override
    public void close() {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            context.close();
            loader.close();
        } catch (Exception e) {
            throw new SandboxException(name + " did not stop cleanly: " + e, e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

}
