package dev.tide.metrics;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A parsed Kubernetes label selector in its string form ({@code labels.Parse} in apimachinery):
 * equality-based ({@code a=b}, {@code a==b}, {@code a!=b}), set-based ({@code a in (b,c)},
 * {@code a notin (b)}), existence ({@code a}, {@code !a}), joined by commas.
 *
 * @param requirements every requirement, in the order written
 */
record LabelSelector(List<Requirement> requirements) {

    // A qualified label key: optional DNS-subdomain prefix and "/", then a name of at most 63 characters.
    private static final Pattern KEY = Pattern.compile(
            "([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?"
                    + "[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?");
    private static final Pattern VALUE = Pattern.compile("([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?");

    LabelSelector {
        requirements = List.copyOf(requirements);
    }

    /** How a requirement compares a label with its values. */
    enum Operator { EQUALS, NOT_EQUALS, IN, NOT_IN, EXISTS, DOES_NOT_EXIST }

    /**
     * One requirement of a selector.
     *
     * @param key the label key
     * @param operator how the key's value is compared
     * @param values the values compared with (empty for existence checks)
     */
    record Requirement(String key, Operator operator, Set<String> values) {
        Requirement {
            values = Set.copyOf(values);
        }
    }

    /** Thrown for a selector that does not parse; the message says where and why. */
    static final class InvalidSelectorException extends RuntimeException {
        InvalidSelectorException(String message) {
            super(message);
        }
    }

    /** Parses a selector string; null or blank selects everything. */
    static LabelSelector parse(String selector) {
        if (selector == null || selector.isBlank()) {
            return new LabelSelector(List.of());
        }
        List<Requirement> requirements = new ArrayList<>();
        for (String part : splitTopLevel(selector)) {
            requirements.add(requirement(part.trim(), selector));
        }
        return new LabelSelector(requirements);
    }

    /**
     * The single value the selector pins {@code key} to ({@code key=v}, {@code key==v} or
     * {@code key in (v)}), empty if it does not constrain the key that way.
     *
     * @throws InvalidSelectorException if the selector allows several values for the key
     */
    Optional<String> exactValue(String key) {
        Optional<String> found = Optional.empty();
        for (Requirement r : requirements) {
            if (!r.key().equals(key) || (r.operator() != Operator.EQUALS && r.operator() != Operator.IN)) {
                continue;
            }
            if (r.values().size() != 1) {
                throw new InvalidSelectorException(
                        "label selector allows several values for " + key + ": " + sorted(r.values()));
            }
            String value = r.values().iterator().next();
            if (found.isPresent() && !found.get().equals(value)) {
                throw new InvalidSelectorException(
                        "label selector requires " + key + " to be both " + found.get() + " and " + value);
            }
            found = Optional.of(value);
        }
        return found;
    }

    private static List<String> sorted(Set<String> values) {
        return values.stream().sorted().toList();
    }

    // Commas separate requirements except inside the parentheses of a set.
    private static List<String> splitTopLevel(String selector) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < selector.length(); i++) {
            char c = selector.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
                if (depth < 0) {
                    throw invalid(selector, "unbalanced ')'");
                }
            } else if (c == ',' && depth == 0) {
                parts.add(selector.substring(start, i));
                start = i + 1;
            }
        }
        if (depth != 0) {
            throw invalid(selector, "unbalanced '('");
        }
        parts.add(selector.substring(start));
        return parts;
    }

    private static Requirement requirement(String part, String selector) {
        if (part.isEmpty()) {
            throw invalid(selector, "empty requirement");
        }
        if (part.startsWith("!")) {
            return new Requirement(key(part.substring(1).trim(), selector), Operator.DOES_NOT_EXIST, Set.of());
        }
        int eq = part.indexOf('=');
        if (eq >= 0) {
            Operator op = Operator.EQUALS;
            int keyEnd = eq;
            int valueStart = eq + 1;
            if (eq > 0 && part.charAt(eq - 1) == '!') {
                op = Operator.NOT_EQUALS;
                keyEnd = eq - 1;
            } else if (valueStart < part.length() && part.charAt(valueStart) == '=') {
                valueStart++;
            }
            String key = key(part.substring(0, keyEnd).trim(), selector);
            return new Requirement(key, op, Set.of(value(part.substring(valueStart).trim(), selector)));
        }
        String[] words = part.split("\\s+", 2);
        if (words.length == 1) {
            return new Requirement(key(words[0], selector), Operator.EXISTS, Set.of());
        }
        String rest = words[1].trim();
        Operator op;
        if (rest.startsWith("notin")) {
            op = Operator.NOT_IN;
            rest = rest.substring("notin".length()).trim();
        } else if (rest.startsWith("in")) {
            op = Operator.IN;
            rest = rest.substring("in".length()).trim();
        } else {
            throw invalid(selector, "expected '=', '==', '!=', 'in' or 'notin' after " + words[0]);
        }
        if (!rest.startsWith("(") || !rest.endsWith(")")) {
            throw invalid(selector, "expected a parenthesised set of values after " + words[0]);
        }
        Set<String> values = new LinkedHashSet<>();
        for (String v : rest.substring(1, rest.length() - 1).split(",", -1)) {
            values.add(value(v.trim(), selector));
        }
        return new Requirement(key(words[0], selector), op, values);
    }

    private static String key(String key, String selector) {
        if (!KEY.matcher(key).matches()) {
            throw invalid(selector, "invalid label key \"" + key + "\"");
        }
        return key;
    }

    private static String value(String value, String selector) {
        if (!VALUE.matcher(value).matches()) {
            throw invalid(selector, "invalid label value \"" + value + "\"");
        }
        return value;
    }

    private static InvalidSelectorException invalid(String selector, String why) {
        return new InvalidSelectorException("unable to parse label selector \"" + selector + "\": " + why);
    }
}
