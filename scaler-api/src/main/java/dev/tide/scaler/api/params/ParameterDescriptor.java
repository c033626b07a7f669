package dev.tide.scaler.api.params;

import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Optional;

/**
 * One trigger parameter as its {@link Param} annotation and record component declare it: what the binder reads
 * and what the parameter reference prints.
 *
 * @param name the parameter name
 * @param aliases alternative names
 * @param order the sources, in lookup order
 * @param defaultValue the default, if any
 * @param required whether binding fails when no source has the parameter and there is no default
 * @param valueType how the value is parsed
 * @param separator separator of list, set and map values
 * @param ranges whether integer lists accept {@code a-b} ranges
 * @param bounds numeric bounds, if any
 * @param deprecated the deprecation text, if deprecated
 * @param description one line for the reference
 */
public record ParameterDescriptor(
        String name,
        List<String> aliases,
        List<Source> order,
        Optional<String> defaultValue,
        boolean required,
        ValueType valueType,
        String separator,
        boolean ranges,
        Optional<Bounds> bounds,
        Optional<String> deprecated,
        String description,
        RecordComponent component) {

    /** Secret parameters are redacted wherever the parameter is printed. */
    public boolean secret() {
        return valueType.secret();
    }

    /** Whether the value is split on {@link #separator()}. */
    public boolean multiValued() {
        return switch (valueType.container()) {
            case LIST, SET, MAP -> true;
            case SINGLE, OPTIONAL -> false;
        };
    }

    /** Numeric bounds of a parameter: {@code min < value} or {@code min <= value}, and {@code value <= max}. */
    public record Bounds(double min, boolean minExclusive, double max) {

        boolean admits(double value) {
            boolean aboveMin = minExclusive ? value > min : value >= min;
            return aboveMin && value <= max;
        }

        String describe() {
            String lower = Double.isInfinite(min) ? "" : (minExclusive ? "greater than " : "at least ") + format(min);
            String upper = Double.isInfinite(max) ? "" : "at most " + format(max);
            if (lower.isEmpty()) {
                return upper;
            }
            return upper.isEmpty() ? lower : lower + " and " + upper;
        }

        static String format(double number) {
            return number == Math.rint(number) ? Long.toString((long) number) : Double.toString(number);
        }
    }
}
