package dev.tide.architecture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Finds main source files longer than a limit. */
final class SourceFileLength {

    /** The most lines a main source file may have. */
    static final int MAX_LINES = 400;

    /** A file over the limit and its length in lines. */
    record LongFile(Path file, int lines, int maxLines) {

        @Override
        public String toString() {
            return file + ": " + lines + " lines, more than " + maxLines;
        }
    }

    private SourceFileLength() {
    }

    /** Every main source file under {@code root}, in every module, with more than {@code maxLines} lines. */
    static List<LongFile> longerThan(Path root, int maxLines) {
        List<LongFile> longFiles = new ArrayList<>();
        for (Path file : MainSources.under(root, Set.of())) {
            int lines = lines(root.resolve(file));
            if (lines > maxLines) {
                longFiles.add(new LongFile(file, lines, maxLines));
            }
        }
        return longFiles;
    }

    private static int lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).size();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
