package dev.tide.sandbox;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Just enough PromQL to say what an expression reads: its series selectors (metric name and label matchers) and the
 * labels it groups or joins by. Functions, operators, numbers, durations and strings are skipped; Grafana's
 * {@code $variables} stay in matcher values, where {@link Matcher#templated()} says so.
 */
final class PromQl {

    /** Words that are not metric names when they stand alone. */
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "by", "without", "on",
            "ignoring", "group_left", "group_right", "inf", "nan", "atan2");
    /** After an aggregation operator's name: "sum by (...)", "max without (...)". */
    private static final Pattern AGGREGATION_CLAUSE = Pattern.compile("(by|without)\\s*\\(");
    /** Followed by a label list in parentheses. */
    private static final Set<String> GROUPING = Set.of("by", "without", "on", "ignoring", "group_left", "group_right");

    /**
     * A label matcher.
     *
     * @param label the label name
     * @param op {@code =}, {@code !=}, {@code =~} or {@code !~}
     * @param value the value or regular expression, unescaped
     */
    record Matcher(String label, String op, String value) {

        /** Holds a Grafana variable: only the label's presence can be checked. */
        boolean templated() {
            return value.contains("$");
        }

        boolean matches(String actual) {
            String v = actual == null ? "" : actual;
            return switch (op) {
                case "=" -> v.equals(value);
                case "!=" -> !v.equals(value);
                case "=~" -> v.matches(value);
                case "!~" -> !v.matches(value);
                default -> throw new IllegalStateException(op);
            };
        }
    }

    /**
     * A series selector.
     *
     * @param metric the metric name
     * @param matchers its label matchers
     */
    record Selector(String metric, List<Matcher> matchers) {
    }

    /**
     * What an expression reads.
     *
     * @param selectors every series selector, in order
     * @param groupingLabels the labels of its by/without/on/ignoring/group_left/group_right lists
     */
    record Parsed(List<Selector> selectors, Set<String> groupingLabels) {
    }

    private final String text;
    private int pos;

    private PromQl(String text) {
        this.text = text;
    }

    static Parsed parse(String expression) {
        return new PromQl(expression).parse();
    }

    private Parsed parse() {
        List<Selector> selectors = new ArrayList<>();
        Set<String> grouping = new LinkedHashSet<>();
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '"' || c == '\'' || c == '`') {
                string();
            } else if (c == '[') {
                pos = text.indexOf(']', pos) + 1;
            } else if (c == '{') {
                // A selector without a name ({__name__="..."}) is not used in our files; refuse rather than guess.
                throw new IllegalArgumentException("a selector without a metric name at " + pos + ": " + text);
            } else if (Character.isDigit(c) || (c == '.' && pos + 1 < text.length() && Character.isDigit(text.charAt(pos + 1)))) {
                while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
                    pos++;
                }
            } else if (c == '$') {
                // A Grafana variable outside a string ($__rate_interval in a range): not a series.
                pos++;
                identifier();
            } else if (Character.isLetter(c) || c == '_' || c == ':') {
                String word = identifier();
                skipSpace();
                char next = pos < text.length() ? text.charAt(pos) : ' ';
                if (GROUPING.contains(word)) {
                    if (next == '(') {
                        grouping.addAll(labelList());
                    }
                } else if (KEYWORDS.contains(word)) {
                    continue;
                } else if (next == '(' || AGGREGATION_CLAUSE.matcher(text).region(pos, text.length()).lookingAt()) {
                    // A function call or an aggregation ("sum by (...)"): its arguments are read on.
                } else if (next == '{') {
                    selectors.add(new Selector(word, matchers()));
                } else {
                    selectors.add(new Selector(word, List.of()));
                }
            } else {
                pos++;
            }
        }
        return new Parsed(selectors, grouping);
    }

    private List<String> labelList() {
        int close = text.indexOf(')', pos);
        List<String> labels = new ArrayList<>();
        for (String label : text.substring(pos + 1, close).split(",")) {
            if (!label.isBlank()) {
                labels.add(label.strip());
            }
        }
        pos = close + 1;
        return labels;
    }

    private List<Matcher> matchers() {
        pos++; // {
        List<Matcher> matchers = new ArrayList<>();
        while (true) {
            skipSpace();
            if (text.charAt(pos) == '}') {
                pos++;
                return matchers;
            }
            if (text.charAt(pos) == ',') {
                pos++;
                continue;
            }
            String label = identifier();
            skipSpace();
            String op = text.startsWith("=~", pos) || text.startsWith("!~", pos) || text.startsWith("!=", pos)
                    ? text.substring(pos, pos + 2) : text.substring(pos, pos + 1);
            if (!op.equals("=") && op.length() == 1) {
                throw new IllegalArgumentException("no matcher operator at " + pos + ": " + text);
            }
            pos += op.length();
            skipSpace();
            matchers.add(new Matcher(label, op, string()));
        }
    }

    private String identifier() {
        int start = pos;
        while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_' || text.charAt(pos) == ':')) {
            pos++;
        }
        return text.substring(start, pos);
    }

    /** A quoted string at pos, unescaped; pos moves past it. */
    private String string() {
        char quote = text.charAt(pos++);
        StringBuilder value = new StringBuilder();
        while (text.charAt(pos) != quote) {
            char c = text.charAt(pos++);
            if (c == '\\' && quote != '`') {
                value.append(text.charAt(pos++));
            } else {
                value.append(c);
            }
        }
        pos++;
        return value.toString();
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }
}
