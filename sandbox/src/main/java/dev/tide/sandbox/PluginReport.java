package dev.tide.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * What the controller said about the {@code --plugins} folder: its own log lines, so the terminal shows what it
 * really loaded (or skipped, and why) rather than what the sandbox expects.
 */
final class PluginReport {

    private PluginReport() {
    }

    /** The controller's lines about scaler plugins, without the log pattern's prefix; read once it has started. */
    static List<String> loaded(Path controllerLog) {
        try (Stream<String> lines = Files.lines(controllerLog, StandardCharsets.UTF_8)) {
            List<String> found = lines.filter(line -> line.contains("scaler plugin"))
                    .map(PluginReport::message)
                    .toList();
            return found.isEmpty() ? List.of("the controller loaded no scaler plugin (see " + controllerLog + ")") : found;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The text after the logger name (Spring Boot's pattern ends its prefix with " : "). */
    private static String message(String line) {
        int start = line.indexOf(" : ");
        return start < 0 ? line : line.substring(start + 3);
    }
}
