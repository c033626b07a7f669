package dev.tide.scaler.metricsapi;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A prometheus {@code valueLocation}: a PromQL metric selector such as {@code backend_queue_size{queueName="one"}}
 * (KEDA's {@code promQLParser.ParseMetricSelector}). The value is that of the first sample of the named metric, in
 * the order of the response, whose labels match every matcher. {@code =}, {@code !=}, {@code =~} and {@code !~}
 * match as in Prometheus (a missing label is the empty string; regular expressions are anchored); KEDA compares every
 * matcher for equality whatever its operator.
 *
 * @param text the location as written in the trigger
 * @param metric the metric's name
 * @param matchers the label matchers, without the name
 */
record MetricSelector(String text, String metric, List<LabelMatcher> matchers) implements ValueLocation {

    /** One label matcher. */
    record LabelMatcher(String label, Operator operator, String value, Optional<Pattern> pattern) {

        boolean matches(Map<String, String> labels) {
            String actual = labels.getOrDefault(label, "");
            return switch (operator) {
                case EQUAL -> actual.equals(value);
                case NOT_EQUAL -> !actual.equals(value);
                case MATCHES -> pattern.orElseThrow().matcher(actual).matches();
                case NOT_MATCHES -> !pattern.orElseThrow().matcher(actual).matches();
            };
        }
    }

    /** PromQL's matcher operators, longest spelling first for the parser. */
    enum Operator {
        NOT_EQUAL("!="), MATCHES("=~"), NOT_MATCHES("!~"), EQUAL("=");

        private final String spelling;

        Operator(String spelling) {
            this.spelling = spelling;
        }
    }

    MetricSelector {
        matchers = List.copyOf(matchers);
    }

    @Override
    public double read(byte[] body) {
        List<PrometheusText.Sample> samples = PrometheusText.parse(body);
        if (samples.stream().noneMatch(sample -> sample.family().equals(metric))) {
            throw new IllegalArgumentException("metric '" + metric + "' not found");
        }
        return samples.stream()
                .filter(sample -> sample.readable() && sample.name().equals(metric))
                .filter(sample -> matchers.stream().allMatch(matcher -> matcher.matches(sample.labels())))
                .findFirst()
                .map(PrometheusText.Sample::value)
                .orElseThrow(() -> new IllegalArgumentException("value " + text + " not found"));
    }

    static MetricSelector parse(String text) {
        Cursor cursor = new Cursor(text);
        cursor.skipSpaces();
        String metric = cursor.name(true);
        List<LabelMatcher> matchers = new ArrayList<>();
        cursor.skipSpaces();
        if (cursor.take("{")) {
            cursor.skipSpaces();
            while (!cursor.take("}")) {
                matchers.add(matcher(cursor));
                cursor.skipSpaces();
                if (!cursor.take(",") && !cursor.peek("}")) {
                    throw cursor.error("expected , or } after a label matcher");
                }
                cursor.skipSpaces();
            }
            cursor.skipSpaces();
        }
        if (!cursor.atEnd()) {
            throw cursor.error("unexpected text after the selector");
        }
        for (LabelMatcher matcher : List.copyOf(matchers)) {
            if (matcher.label().equals("__name__")) {
                if (!metric.isEmpty() || matcher.operator() != Operator.EQUAL) {
                    throw cursor.error("give the metric's name once, as a name or as __name__=\"...\"");
                }
                metric = matcher.value();
                matchers.remove(matcher);
            }
        }
        if (metric.isEmpty()) {
            throw cursor.error("the selector names no metric");
        }
        return new MetricSelector(text, metric, matchers);
    }

    private static LabelMatcher matcher(Cursor cursor) {
        String label = cursor.name(false);
        if (label.isEmpty()) {
            throw cursor.error("expected a label name");
        }
        cursor.skipSpaces();
        Operator operator = null;
        for (Operator candidate : Operator.values()) {
            if (cursor.take(candidate.spelling)) {
                operator = candidate;
                break;
            }
        }
        if (operator == null) {
            throw cursor.error("expected =, !=, =~ or !~ after label " + label);
        }
        cursor.skipSpaces();
        String value = cursor.quoted();
        Optional<Pattern> pattern = Optional.empty();
        if (operator == Operator.MATCHES || operator == Operator.NOT_MATCHES) {
            try {
                pattern = Optional.of(Pattern.compile(value, Pattern.DOTALL));
            } catch (PatternSyntaxException e) {
                throw cursor.error("the regular expression of label " + label + " is not valid: " + e.getDescription());
            }
        }
        return new LabelMatcher(label, operator, value, pattern);
    }

    /** Reads a selector left to right; errors name the position, counted from 1 as PromQL's do. */
    private static final class Cursor {
        private final String text;
        private int at;

        Cursor(String text) {
            this.text = text;
        }

        boolean atEnd() {
            return at >= text.length();
        }

        boolean peek(String token) {
            return text.startsWith(token, at);
        }

        boolean take(String token) {
            if (peek(token)) {
                at += token.length();
                return true;
            }
            return false;
        }

        void skipSpaces() {
            while (!atEnd() && Character.isWhitespace(text.charAt(at))) {
                at++;
            }
        }

        /** A metric name ({@code [a-zA-Z_:][a-zA-Z0-9_:]*}) or a label name (no colons); empty when there is none. */
        String name(boolean metric) {
            int start = at;
            while (!atEnd()) {
                char c = text.charAt(at);
                boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (metric && c == ':');
                if (!letter && !(at > start && c >= '0' && c <= '9')) {
                    break;
                }
                at++;
            }
            return text.substring(start, at);
        }

        /** A label value in double quotes, single quotes or backticks, with Go's escapes in the first two. */
        String quoted() {
            char quote = atEnd() ? 0 : text.charAt(at);
            if (quote != '"' && quote != '\'' && quote != '`') {
                throw error("expected a quoted label value");
            }
            StringBuilder value = new StringBuilder();
            for (at++; !atEnd(); at++) {
                char c = text.charAt(at);
                if (c == quote) {
                    at++;
                    return value.toString();
                }
                if (c == '\\' && quote != '`' && at + 1 < text.length()) {
                    char next = text.charAt(++at);
                    value.append(switch (next) {
                        case 'n' -> '\n';
                        case 't' -> '\t';
                        case 'r' -> '\r';
                        default -> next;
                    });
                } else {
                    value.append(c);
                }
            }
            throw error("a label value is not closed");
        }

        IllegalArgumentException error(String reason) {
            return new IllegalArgumentException("parameter \"valueLocation\" value \"" + text + "\" is not a Prometheus "
                    + "metric selector: " + reason + " (at character " + (Math.min(at, text.length()) + 1) + ")");
        }
    }
}
