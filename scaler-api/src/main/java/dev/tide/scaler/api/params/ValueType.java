package dev.tide.scaler.api.params;

import dev.tide.scaler.api.Secret;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The shape of a parameter's Java type: a container (single, optional, list, set, map) around a scalar.
 *
 * @param container how the scalars are held
 * @param scalar the scalar class ({@code String} for maps)
 * @param primitive whether the component is a primitive, which has no "absent"
 */
public record ValueType(Container container, Class<?> scalar, boolean primitive) {

    /** How the record component holds its value. */
    public enum Container { SINGLE, OPTIONAL, LIST, SET, MAP }

    static ValueType of(RecordComponent component) {
        Class<?> raw = component.getType();
        Type generic = component.getGenericType();
        if (raw == Optional.class) {
            return new ValueType(Container.OPTIONAL, scalarArgument(component, generic, 0), false);
        }
        if (raw == List.class) {
            return new ValueType(Container.LIST, scalarArgument(component, generic, 0), false);
        }
        if (raw == Set.class) {
            return new ValueType(Container.SET, scalarArgument(component, generic, 0), false);
        }
        if (raw == Map.class) {
            if (scalarArgument(component, generic, 0) != String.class || scalarArgument(component, generic, 1) != String.class) {
                throw unsupported(component);
            }
            return new ValueType(Container.MAP, String.class, false);
        }
        return new ValueType(Container.SINGLE, checkedScalar(component, raw), raw.isPrimitive());
    }

    public boolean secret() {
        return scalar == Secret.class;
    }

    public boolean isEnum() {
        return scalar.isEnum();
    }

    /** The values an enum parameter accepts, as a user writes them. */
    public List<String> allowedValues() {
        if (!isEnum()) {
            return List.of();
        }
        return Arrays.stream(scalar.getEnumConstants()).map(constant -> spelling((Enum<?>) constant)).toList();
    }

    /** A short type name for the reference: {@code integer}, {@code list of string}, … */
    public String describe() {
        String name = scalarName(scalar);
        return switch (container) {
            case SINGLE, OPTIONAL -> name;
            case LIST -> "list of " + name;
            case SET -> "set of " + name;
            case MAP -> "map of key=value";
        };
    }

    static String spelling(Enum<?> constant) {
        return constant instanceof ParameterValue value ? value.parameterValue() : constant.name().toLowerCase(Locale.ROOT);
    }

    private static String scalarName(Class<?> type) {
        if (type == String.class) {
            return "string";
        }
        if (type == Secret.class) {
            return "secret";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "integer";
        }
        if (type == double.class || type == Double.class) {
            return "number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "boolean";
        }
        return "enum";
    }

    private static Class<?> scalarArgument(RecordComponent component, Type generic, int index) {
        if (generic instanceof ParameterizedType parameterized
                && parameterized.getActualTypeArguments()[index] instanceof Class<?> argument) {
            return checkedScalar(component, argument);
        }
        throw unsupported(component);
    }

    private static Class<?> checkedScalar(RecordComponent component, Class<?> type) {
        boolean supported = type == String.class || type == Secret.class || type.isEnum()
                || type == int.class || type == Integer.class || type == long.class || type == Long.class
                || type == double.class || type == Double.class || type == boolean.class || type == Boolean.class;
        if (!supported) {
            throw unsupported(component);
        }
        return type;
    }

    private static IllegalStateException unsupported(RecordComponent component) {
        return new IllegalStateException("@Param component " + component.getDeclaringRecord().getSimpleName() + "."
                + component.getName() + " has an unsupported type " + component.getGenericType().getTypeName());
    }
}
