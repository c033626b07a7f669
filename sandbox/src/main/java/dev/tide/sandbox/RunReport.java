package dev.tide.sandbox;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** What a scenario's run shows afterwards: its files, its summary and its verdict. */
interface RunReport {

    /** Writes {@code timeline.csv}, {@code timeline.svg} and {@code summary.txt} into the run folder. */
    void write();

    /** The summary and the {@code RESULT} line. */
    void print(PrintStream out);

    /** Empty when the run went as its scenario should; otherwise why not. */
    Optional<String> failure();

    /**
     * Writes the timeline as {@code timeline.csv} and as the chart {@code timeline.svg}, and what {@link #print}
     * shows as {@code summary.txt}.
     */
    default void writeFiles(Path runDir, CharSequence csv, String chart) {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        try (PrintStream summary = new PrintStream(text, true, StandardCharsets.UTF_8)) {
            print(summary);
        }
        try {
            Files.createDirectories(runDir);
            Files.writeString(runDir.resolve("timeline.csv"), csv);
            Files.writeString(runDir.resolve("timeline.svg"), chart);
            Files.writeString(runDir.resolve("summary.txt"), text.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
