package dev.tide.scaler.host;

import java.io.IOException;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * The parent of every plugin class loader: the JDK (the platform class loader) plus, taken from the host, the
 * scaler SPI and the SLF4J API. Nothing else of the host is visible, so a plugin brings its own libraries (its
 * own Jackson, its own Kafka client) and never meets the host's versions.
 *
 * <p>Why these two: the SPI types must be the host's very classes, or the host could not call a plugin's
 * factory at all. SLF4J is shared so that a plugin's log lines reach the host's logging backend and its
 * configuration (levels, JSON output); a plugin that bundled its own {@code slf4j-api} would find no provider
 * in its class loader and log nowhere. The SLF4J API is small and stable across 2.x, so sharing it constrains
 * plugins little. Plugins should not bundle it; if one does, the host's copy wins (parent first).
 */
final class SpiOnlyClassLoader extends ClassLoader {

    /** Package prefixes taken from the host; everything else comes from the JDK or the plugin. */
    static final List<String> SHARED_PACKAGES = List.of("dev.tide.scaler.api.", "org.slf4j.");

    private static final List<String> SHARED_RESOURCE_PREFIXES =
            SHARED_PACKAGES.stream().map(prefix -> prefix.replace('.', '/')).toList();

    static {
        registerAsParallelCapable();
    }

    private final ClassLoader host;

    SpiOnlyClassLoader(ClassLoader host) {
        super("tide-plugin-parent", ClassLoader.getPlatformClassLoader());
        this.host = host;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (isShared(name)) {
            return host.loadClass(name);
        }
        return super.loadClass(name, resolve);
    }

    @Override
    public URL getResource(String name) {
        return isSharedResource(name) ? host.getResource(name) : super.getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        return isSharedResource(name) ? host.getResources(name) : super.getResources(name);
    }

    /** A class that lives in neither the JDK nor the shared packages is the plugin's to bring. */
    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        throw new ClassNotFoundException(name);
    }

    @Override
    protected URL findResource(String name) {
        return null;
    }

    @Override
    protected Enumeration<URL> findResources(String name) {
        return Collections.emptyEnumeration();
    }

    static boolean isShared(String className) {
        return SHARED_PACKAGES.stream().anyMatch(className::startsWith);
    }

    private static boolean isSharedResource(String name) {
        return SHARED_RESOURCE_PREFIXES.stream().anyMatch(name::startsWith);
    }
}
