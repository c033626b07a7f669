package dev.tide.architecture;

import java.util.ArrayList;
import java.util.List;

/**
 * The string literals of a Java source file, with the line each starts on: {@code "..."} and text blocks, as written
 * (escapes not resolved); comments and character literals are not literals.
 */
final class JavaStringLiterals {

    /** A literal's text between its quotes, and the 1-based line of its opening quote. */
    record Literal(int line, String text) {
    }

    private JavaStringLiterals() {
    }

    static List<Literal> in(String source) {
        List<Literal> literals = new ArrayList<>();
        int line = 1;
        int i = 0;
        int n = source.length();
        while (i < n) {
            char c = source.charAt(i);
            if (c == '\n') {
                line++;
                i++;
            } else if (source.startsWith("//", i)) {
                i = indexOrEnd(source, "\n", i);
            } else if (source.startsWith("/*", i)) {
                int end = indexOrEnd(source, "*/", i + 2);
                line += count(source, i, end);
                i = Math.min(n, end + 2);
            } else if (source.startsWith("\"\"\"", i)) {
                int start = i + 3;
                int end = closingQuote(source, start, "\"\"\"");
                literals.add(new Literal(line, source.substring(start, end)));
                line += count(source, i, end);
                i = Math.min(n, end + 3);
            } else if (c == '"') {
                int end = closingQuote(source, i + 1, "\"");
                literals.add(new Literal(line, source.substring(i + 1, end)));
                i = Math.min(n, end + 1);
            } else if (c == '\'') {
                i = Math.min(n, closingQuote(source, i + 1, "'") + 1);
            } else {
                i++;
            }
        }
        return literals;
    }

    /** The index of the closing quote at or after {@code from}, skipping escaped characters; the end if none. */
    private static int closingQuote(String source, int from, String quote) {
        int i = from;
        while (i < source.length()) {
            if (source.charAt(i) == '\\') {
                i += 2;
            } else if (source.startsWith(quote, i)) {
                return i;
            } else if (quote.length() == 1 && source.charAt(i) == '\n') {
                return i; // an unterminated literal does not compile; stop at the line's end
            } else {
                i++;
            }
        }
        return source.length();
    }

    private static int indexOrEnd(String source, String text, int from) {
        int index = source.indexOf(text, from);
        return index < 0 ? source.length() : index;
    }

    private static int count(String source, int from, int to) {
        int lines = 0;
        for (int i = from; i < Math.min(to, source.length()); i++) {
            if (source.charAt(i) == '\n') {
                lines++;
            }
        }
        return lines;
    }
}
