package dev.tide.scaler.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One plugin found in the plugins folder, before loading: a top-level jar, or a sub-folder whose jars (not
 * nested deeper) form one plugin and share one class loader.
 *
 * @param location the jar or the sub-folder
 * @param jars the jars of the plugin, sorted by name
 */
record PluginCandidate(Path location, List<Path> jars) {

    private static final Logger LOG = LoggerFactory.getLogger(PluginCandidate.class);

    PluginCandidate {
        jars = List.copyOf(jars);
    }

    /** The plugin's name when its manifest has no {@code Implementation-Title}. */
    String fallbackName() {
        String fileName = location.getFileName().toString();
        return isJarName(fileName) ? fileName.substring(0, fileName.length() - ".jar".length()) : fileName;
    }

    /**
     * The plugins in {@code folder}, sorted by name. A folder that does not exist holds no plugins; one that
     * exists but is not a readable directory is a configuration error.
     */
    static List<PluginCandidate> scan(Path folder) {
        if (!Files.exists(folder)) {
            LOG.info("Plugins folder {} does not exist: loading the built-in scalers only", folder);
            return List.of();
        }
        if (!Files.isDirectory(folder)) {
            throw new PluginLoadException("plugins folder " + folder + " is not a directory: point the plugins "
                    + "folder setting at a directory that holds one jar or one sub-folder of jars per plugin");
        }
        if (!Files.isReadable(folder)) {
            throw new PluginLoadException("plugins folder " + folder + " cannot be read by this process: "
                    + "make it readable (and its entries) for the user the host runs as");
        }
        List<PluginCandidate> candidates = new ArrayList<>();
        for (Path entry : list(folder)) {
            if (isHidden(entry)) {
                // Kubernetes volumes add entries such as ..data and ..2024_01_01; they are not plugins.
                LOG.debug("Ignoring hidden entry {} in the plugins folder", entry);
            } else if (Files.isDirectory(entry)) {
                candidates.add(new PluginCandidate(entry, list(entry).stream().filter(PluginCandidate::isJar).toList()));
            } else if (isJar(entry)) {
                candidates.add(new PluginCandidate(entry, List.of(entry)));
            } else {
                LOG.info("Ignoring {} in the plugins folder: a plugin is a .jar file or a sub-folder of jars", entry);
            }
        }
        return candidates;
    }

    private static List<Path> list(Path folder) {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.sorted().toList();
        } catch (IOException e) {
            throw new PluginLoadException("plugins folder " + folder + " cannot be listed: " + e
                    + "; make it readable for the user the host runs as", e);
        }
    }

    private static boolean isHidden(Path entry) {
        return entry.getFileName().toString().startsWith(".");
    }

    private static boolean isJar(Path entry) {
        return Files.isRegularFile(entry) && isJarName(entry.getFileName().toString());
    }

    private static boolean isJarName(String fileName) {
        return fileName.toLowerCase(Locale.ROOT).endsWith(".jar");
    }
}
