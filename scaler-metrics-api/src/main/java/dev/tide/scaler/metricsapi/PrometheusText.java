package dev.tide.scaler.metricsapi;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The samples of a response in Prometheus' text exposition format, as KEDA reads it with {@code expfmt.TextParser}:
 * lines may start with blanks, a last line without a newline is read, {@code # TYPE} groups samples into families,
 * and only counter, gauge and untyped samples have a value to scale on (histogram and summary samples, such as
 * {@code x_count} of a histogram {@code x}, belong to their family and are not readable, as in KEDA).
 */
final class PrometheusText {

    private static final Set<String> READABLE = Set.of("counter", "gauge", "untyped");
    private static final Set<String> TYPES = Set.of("counter", "gauge", "histogram", "gaugehistogram", "summary", "untyped");
    private static final List<String> CHILD_SUFFIXES = List.of("_bucket", "_sum", "_count", "_gsum", "_gcount");

    /**
     * One sample line.
     *
     * @param family the metric family it belongs to: its own name, or the histogram or summary it is part of
     * @param name the sample's name
     * @param labels its labels
     * @param value its value
     * @param readable whether its family is a counter, gauge or untyped
     */
    record Sample(String family, String name, Map<String, String> labels, double value, boolean readable) {
    }

    private PrometheusText() {
    }

    /** @throws IllegalArgumentException in KEDA's words ({@code prometheus format parsing error: ...}) */
    static List<Sample> parse(byte[] body) {
        String[] lines = new String(body, StandardCharsets.UTF_8).replace("\r\n", "\n").split("\n", -1);
        Map<String, String> types = new HashMap<>();
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].stripLeading();
            if (line.isEmpty()) {
                continue;
            }
            try {
                if (line.startsWith("#")) {
                    declare(line, types);
                } else {
                    samples.add(sample(new Line(line), types));
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("prometheus format parsing error: text format parsing error in line "
                        + (i + 1) + ": " + e.getMessage());
            }
        }
        return samples;
    }

    /** {@code # TYPE name type}; HELP lines and other comments say nothing we read. */
    private static void declare(String line, Map<String, String> types) {
        String[] words = line.substring(1).strip().split("\\s+", 3);
        if (words.length < 3 || !words[0].equals("TYPE")) {
            return;
        }
        String type = words[2].strip().toLowerCase(Locale.ROOT);
        if (!TYPES.contains(type)) {
            throw new IllegalArgumentException("unknown metric type \"" + words[2].strip() + "\"");
        }
        if (types.putIfAbsent(words[1], type) != null) {
            throw new IllegalArgumentException("second TYPE line for metric name \"" + words[1] + "\"");
        }
    }

    private static Sample sample(Line line, Map<String, String> types) {
        String name = line.name();
        if (name.isEmpty()) {
            throw new IllegalArgumentException("invalid metric name");
        }
        Map<String, String> labels = line.peek('{') ? line.labels() : Map.of();
        String[] rest = line.rest().strip().split("[ \t]+");
        if (rest.length == 0 || rest[0].isEmpty() || rest.length > 2) {
            throw new IllegalArgumentException("expected a value (and an optional timestamp) after " + name);
        }
        double value = goFloat(rest[0]);
        if (rest.length == 2 && !rest[1].matches("-?\\d+")) {
            throw new IllegalArgumentException("expected an integer timestamp, got \"" + rest[1] + "\"");
        }
        String family = familyOf(name, types);
        return new Sample(family, name, labels, value, READABLE.contains(types.getOrDefault(family, "untyped")));
    }

    /** Go's {@code strconv.ParseFloat} for what Prometheus writes: decimals, exponents, {@code NaN}, {@code ±Inf}. */
    private static double goFloat(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        String unsigned = lower.startsWith("+") || lower.startsWith("-") ? lower.substring(1) : lower;
        if (unsigned.equals("inf") || unsigned.equals("infinity")) {
            return lower.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (lower.equals("nan")) {
            return Double.NaN;
        }
        if (!unsigned.matches("(\\d+\\.?\\d*|\\.\\d+)(e[+-]?\\d+)?")) {
            throw new IllegalArgumentException("expected a float, got \"" + text + "\"");
        }
        return Double.parseDouble(text);
    }

    private static String familyOf(String name, Map<String, String> types) {
        if (types.containsKey(name)) {
            return name;
        }
        for (String suffix : CHILD_SUFFIXES) {
            String base = name.endsWith(suffix) ? name.substring(0, name.length() - suffix.length()) : null;
            if (base != null && types.containsKey(base) && !READABLE.contains(types.get(base))) {
                return base;
            }
        }
        return name;
    }

    /** One sample line, read left to right. */
    private static final class Line {
        private final String text;
        private int at;

        Line(String text) {
            this.text = text;
        }

        boolean peek(char c) {
            return at < text.length() && text.charAt(at) == c;
        }

        String name() {
            int start = at;
            while (at < text.length()) {
                char c = text.charAt(at);
                boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':';
                if (!letter && !(at > start && c >= '0' && c <= '9')) {
                    break;
                }
                at++;
            }
            return text.substring(start, at);
        }

        Map<String, String> labels() {
            Map<String, String> labels = new LinkedHashMap<>();
            at++;
            skipBlanks();
            while (!peek('}')) {
                String label = name();
                skipBlanks();
                if (label.isEmpty() || !peek('=')) {
                    throw new IllegalArgumentException("invalid label name or missing = in the labels");
                }
                at++;
                skipBlanks();
                labels.put(label, value());
                skipBlanks();
                if (peek(',')) {
                    at++;
                    skipBlanks();
                } else if (!peek('}')) {
                    throw new IllegalArgumentException("expected , or } in the labels");
                }
            }
            at++;
            return labels;
        }

        /** A quoted label value with the format's escapes: {@code \\}, {@code \"}, {@code \n}. */
        private String value() {
            if (!peek('"')) {
                throw new IllegalArgumentException("expected a quoted label value");
            }
            StringBuilder value = new StringBuilder();
            for (at++; at < text.length(); at++) {
                char c = text.charAt(at);
                if (c == '"') {
                    at++;
                    return value.toString();
                }
                if (c == '\\' && at + 1 < text.length()) {
                    char next = text.charAt(++at);
                    value.append(next == 'n' ? '\n' : next);
                } else {
                    value.append(c);
                }
            }
            throw new IllegalArgumentException("a label value is not closed");
        }

        private void skipBlanks() {
            while (peek(' ') || peek('\t')) {
                at++;
            }
        }

        String rest() {
            return text.substring(at);
        }
    }
}
