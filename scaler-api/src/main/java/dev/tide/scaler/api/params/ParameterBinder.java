package dev.tide.scaler.api.params;

import dev.tide.scaler.api.ScalerConfigException;
import dev.tide.scaler.api.Secret;
import dev.tide.scaler.api.TriggerConfig;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binds a trigger's parameters into a record whose components carry {@link Param} (KEDA's typed config). One
 * binder serves every scaler, so every scaler reads sources in the same order, trims and defaults the same way
 * and reports errors in the same words.
 *
 * <p>Every bad parameter is reported at once, prefixed with the trigger:
 * {@code trigger[1] (kafka): missing required parameter "topic" in [triggerMetadata]; parameter
 * "offsetResetPolicy" value "foo" must be one of [latest, earliest]}. Secret values never appear in messages.
 */
public final class ParameterBinder {

    private static final Logger LOG = LoggerFactory.getLogger(ParameterBinder.class);

    private static final ClassValue<List<ParameterDescriptor>> DESCRIPTORS = new ClassValue<>() {
        @Override
        protected List<ParameterDescriptor> computeValue(Class<?> type) {
            return Arrays.stream(type.getRecordComponents()).map(ParameterBinder::descriptor).toList();
        }
    };

    private ParameterBinder() {
    }

    /**
     * Reads {@code recordType}'s parameters from the trigger and builds the record.
     *
     * @throws ScalerConfigException naming the trigger and every bad parameter, or what the record's own
     *     validation (an {@link IllegalArgumentException} from its constructor) said
     */
    public static <R extends Record> R bind(TriggerConfig trigger, Class<R> recordType) {
        List<ParameterDescriptor> parameters = describe(recordType);
        Object[] arguments = new Object[parameters.size()];
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < parameters.size(); i++) {
            ParameterDescriptor parameter = parameters.get(i);
            Bound bound = bindOne(trigger, parameter);
            if (bound.deprecatedUsed()) {
                LOG.warn("{}: parameter \"{}\" is deprecated: {}", trigger.label(), parameter.name(),
                        parameter.deprecated().get());
            }
            bound.problem().ifPresent(problems::add);
            arguments[i] = bound.value();
        }
        if (!problems.isEmpty()) {
            throw new ScalerConfigException(trigger.label(), problems);
        }
        return construct(trigger, recordType, parameters, arguments);
    }

    /** The parameters a record declares, in component order. */
    public static List<ParameterDescriptor> describe(Class<? extends Record> recordType) {
        if (!recordType.isRecord()) {
            throw new IllegalArgumentException(recordType.getName() + " is not a record");
        }
        return DESCRIPTORS.get(recordType);
    }

    /**
     * One parameter read and converted, as {@link #bind} and {@link ParameterChecks} both need it.
     *
     * @param value the converted value, or the type's absent value
     * @param deprecatedUsed the trigger set a deprecated parameter
     * @param missing neither the trigger nor a default gave a value
     * @param problem what is wrong: a required parameter missing, or a value that does not convert
     */
    record Bound(Object value, boolean deprecatedUsed, boolean missing, Optional<String> problem) {
    }

    static Bound bindOne(TriggerConfig trigger, ParameterDescriptor parameter) {
        Optional<String> raw = lookUp(trigger, parameter);
        boolean deprecatedUsed = raw.isPresent() && parameter.deprecated().isPresent();
        Optional<String> text = raw.or(parameter::defaultValue);
        if (text.isEmpty()) {
            Optional<String> problem = parameter.required()
                    ? Optional.of("missing required parameter \"" + parameter.name() + "\" in " + sources(parameter))
                    : Optional.empty();
            return new Bound(absent(parameter.valueType()), deprecatedUsed, true, problem);
        }
        try {
            return new Bound(convert(parameter, text.get()), deprecatedUsed, false, Optional.empty());
        } catch (InvalidValueException e) {
            return new Bound(absent(parameter.valueType()), deprecatedUsed, false, Optional.of(e.getMessage()));
        }
    }

    /** The first non-empty, trimmed value in the parameter's source order; each source tries name, then aliases. */
    private static Optional<String> lookUp(TriggerConfig trigger, ParameterDescriptor parameter) {
        List<String> names = new ArrayList<>();
        names.add(parameter.name());
        names.addAll(parameter.aliases());
        for (Source source : parameter.order()) {
            for (String name : names) {
                Optional<String> value = valueIn(trigger, source, name).map(String::trim).filter(v -> !v.isEmpty());
                if (value.isPresent()) {
                    return value;
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> valueIn(TriggerConfig trigger, Source source, String name) {
        return switch (source) {
            case TRIGGER_METADATA -> Optional.ofNullable(trigger.metadata().get(name));
            case AUTH_PARAMS -> Optional.ofNullable(trigger.authParams().get(name));
            case RESOLVED_ENV -> Optional.ofNullable(trigger.metadata().get(name + "FromEnv"))
                    .map(String::trim)
                    .filter(variable -> !variable.isEmpty())
                    .map(variable -> trigger.resolvedEnv().get(variable));
        };
    }

    private static String sources(ParameterDescriptor parameter) {
        return parameter.order().stream().map(Source::kedaName).collect(Collectors.joining(", ", "[", "]"));
    }

    private static Object absent(ValueType type) {
        return switch (type.container()) {
            case OPTIONAL -> Optional.empty();
            case LIST -> List.of();
            case SET -> java.util.Set.of();
            case MAP -> Map.of();
            case SINGLE -> primitiveZero(type.scalar());
        };
    }

    private static Object primitiveZero(Class<?> type) {
        if (type == int.class) {
            return 0;
        }
        if (type == long.class) {
            return 0L;
        }
        if (type == double.class) {
            return 0.0;
        }
        if (type == boolean.class) {
            return false;
        }
        return null;
    }

    private static Object convert(ParameterDescriptor parameter, String text) {
        ValueType type = parameter.valueType();
        return switch (type.container()) {
            case SINGLE -> scalar(parameter, text);
            case OPTIONAL -> Optional.of(scalar(parameter, text));
            case LIST -> List.copyOf(elements(parameter, text));
            case SET -> java.util.Collections.unmodifiableSet(new LinkedHashSet<>(elements(parameter, text)));
            case MAP -> entries(parameter, text);
        };
    }

    private static List<Object> elements(ParameterDescriptor parameter, String text) {
        List<Object> values = new ArrayList<>();
        for (String item : split(parameter, text)) {
            if (parameter.ranges() && isInteger(parameter.valueType().scalar()) && item.indexOf('-', 1) > 0) {
                values.addAll(range(parameter, item));
            } else {
                values.add(scalar(parameter, item));
            }
        }
        return values;
    }

    private static List<Object> range(ParameterDescriptor parameter, String item) {
        int dash = item.indexOf('-', 1);
        long from = (Long) number(parameter, item.substring(0, dash).trim(), Long.class);
        long to = (Long) number(parameter, item.substring(dash + 1).trim(), Long.class);
        if (from > to) {
            throw invalid(parameter, item, "must be a range whose start is not after its end");
        }
        List<Object> values = new ArrayList<>();
        for (long value = from; value <= to; value++) {
            values.add(scalar(parameter, Long.toString(value)));
        }
        return values;
    }

    private static Map<String, String> entries(ParameterDescriptor parameter, String text) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String item : split(parameter, text)) {
            int equals = item.indexOf('=');
            if (equals <= 0) {
                throw invalid(parameter, item, "must be of the form key=value");
            }
            map.put(item.substring(0, equals).trim(), item.substring(equals + 1).trim());
        }
        return java.util.Collections.unmodifiableMap(map);
    }

    private static List<String> split(ParameterDescriptor parameter, String text) {
        return Arrays.stream(text.split(java.util.regex.Pattern.quote(parameter.separator())))
                .map(String::trim)
                .filter(item -> !item.isEmpty())
                .toList();
    }

    private static Object scalar(ParameterDescriptor parameter, String text) {
        Class<?> type = parameter.valueType().scalar();
        if (type == String.class) {
            return text;
        }
        if (type == Secret.class) {
            return Secret.of(text);
        }
        if (type == boolean.class || type == Boolean.class) {
            return bool(parameter, text);
        }
        if (type.isEnum()) {
            return enumConstant(parameter, type, text);
        }
        return number(parameter, text, type);
    }

    /** Go's {@code strconv.ParseBool}, which KEDA uses: 1, t, true, 0, f, false in any of their usual cases. */
    private static boolean bool(ParameterDescriptor parameter, String text) {
        return switch (text) {
            case "1", "t", "T", "true", "TRUE", "True" -> true;
            case "0", "f", "F", "false", "FALSE", "False" -> false;
            default -> throw invalid(parameter, text, "must be true or false");
        };
    }

    private static Object enumConstant(ParameterDescriptor parameter, Class<?> type, String text) {
        for (Object constant : type.getEnumConstants()) {
            if (ValueType.spelling((Enum<?>) constant).equalsIgnoreCase(text)) {
                return constant;
            }
        }
        throw invalid(parameter, text, "must be one of " + parameter.valueType().allowedValues().stream()
                .collect(Collectors.joining(", ", "[", "]")));
    }

    private static Object number(ParameterDescriptor parameter, String text, Class<?> type) {
        double numeric;
        Object value;
        try {
            if (type == int.class || type == Integer.class) {
                value = Integer.parseInt(text);
                numeric = (Integer) value;
            } else if (type == long.class || type == Long.class) {
                value = Long.parseLong(text);
                numeric = (Long) value;
            } else {
                value = Double.parseDouble(text);
                numeric = (Double) value;
                if (Double.isNaN(numeric) || Double.isInfinite(numeric)) {
                    throw new NumberFormatException();
                }
            }
        } catch (NumberFormatException e) {
            throw invalid(parameter, text, isInteger(type) ? "must be an integer" : "must be a number");
        }
        Optional<ParameterDescriptor.Bounds> bounds = parameter.bounds();
        if (bounds.isPresent() && !bounds.get().admits(numeric)) {
            throw invalid(parameter, text, "must be " + bounds.get().describe());
        }
        return value;
    }

    private static boolean isInteger(Class<?> type) {
        return type == int.class || type == Integer.class || type == long.class || type == Long.class;
    }

    private static InvalidValueException invalid(ParameterDescriptor parameter, String text, String rule) {
        String shown = parameter.secret() ? "" : " value \"" + text + "\"";
        return new InvalidValueException("parameter \"" + parameter.name() + "\"" + shown + " " + rule);
    }

    static <R extends Record> R construct(TriggerConfig trigger, Class<R> recordType,
            List<ParameterDescriptor> parameters, Object[] arguments) {
        Class<?>[] types = parameters.stream().map(p -> p.component().getType()).toArray(Class<?>[]::new);
        try {
            Constructor<R> constructor = recordType.getDeclaredConstructor(types);
            constructor.setAccessible(true);
            return constructor.newInstance(arguments);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof IllegalArgumentException invalid) {
                throw new ScalerConfigException(trigger.label(), List.of(invalid.getMessage()));
            }
            throw new IllegalStateException("constructing " + recordType.getName() + " failed", e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot construct " + recordType.getName(), e);
        }
    }

    private static ParameterDescriptor descriptor(RecordComponent component) {
        Param param = component.getAnnotation(Param.class);
        String where = component.getDeclaringRecord().getSimpleName() + "." + component.getName();
        if (param == null) {
            throw new IllegalStateException("record component " + where + " has no @Param");
        }
        ValueType valueType = ValueType.of(component);
        Optional<String> defaultValue = Param.NO_DEFAULT.equals(param.defaultValue())
                ? Optional.empty() : Optional.of(param.defaultValue());
        boolean mayBeAbsent = param.optional() || valueType.container() == ValueType.Container.OPTIONAL;
        if (mayBeAbsent && valueType.primitive() && defaultValue.isEmpty()) {
            throw new IllegalStateException("optional primitive " + where + " needs a defaultValue or a boxed type");
        }
        if (param.order().length == 0) {
            throw new IllegalStateException("@Param " + where + " names no source in order()");
        }
        boolean bounded = param.min() != Double.NEGATIVE_INFINITY || param.max() != Double.POSITIVE_INFINITY;
        return new ParameterDescriptor(
                param.name().isEmpty() ? component.getName() : param.name(),
                List.of(param.aliases()),
                List.of(param.order()),
                defaultValue,
                !mayBeAbsent && defaultValue.isEmpty(),
                valueType,
                param.separator(),
                param.ranges(),
                bounded ? Optional.of(new ParameterDescriptor.Bounds(param.min(), param.minExclusive(), param.max()))
                        : Optional.empty(),
                param.deprecated().isEmpty() ? Optional.empty() : Optional.of(param.deprecated()),
                param.description(),
                component);
    }

    /** One parameter's value is wrong; collected with the others. */
    private static final class InvalidValueException extends RuntimeException {
        InvalidValueException(String message) {
            super(message, null, false, false);
        }
    }

}
