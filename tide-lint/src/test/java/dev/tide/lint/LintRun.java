package dev.tide.lint;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** One in-process run of {@code tide lint}: its exit code and what it wrote. */
record LintRun(int exitCode, String out, String err) {

    /** The test manifests, as the tests name them on the command line. */
    static final Path MANIFESTS = Path.of("src", "test", "resources", "manifests");

    static LintRun of(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exitCode = TideLint.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new LintRun(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static String manifests(String relative) {
        return MANIFESTS.resolve(relative).toString();
    }

    List<String> lines() {
        return out.lines().toList();
    }

    /** The last line of the text output. */
    String summary() {
        List<String> lines = lines();
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }
}
