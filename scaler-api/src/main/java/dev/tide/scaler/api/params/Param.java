package dev.tide.scaler.api.params;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares how one component of a parameters record is read from a trigger (KEDA's {@code keda:"..."} struct
 * tags). {@link ParameterBinder} reads these; the parameter reference is generated from them.
 *
 * <p>Supported component types: {@code String}, {@code int}/{@code Integer}, {@code long}/{@code Long},
 * {@code double}/{@code Double}, {@code boolean}/{@code Boolean}, any enum (its values are the constants' names
 * in lower case, or {@link ParameterValue#parameterValue()}), {@link dev.tide.scaler.api.Secret},
 * {@code List<X>} and {@code Set<X>} of the scalar types (split on {@link #separator()}),
 * {@code Map<String, String>} ({@code k=v} pairs split on {@link #separator()}), and {@code Optional<X>} of
 * any of them for parameters that may be absent.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Param {

    /** Marks "no default": the parameter is required unless {@link #optional()} or the type is Optional. */
    String NO_DEFAULT = "\u0000no default";

    /** The parameter name; the record component's name when empty. */
    String name() default "";

    /** Older or alternative names, tried after {@link #name()} in each source. */
    String[] aliases() default {};

    /** Where the value is looked up, first hit wins. KEDA's default is trigger metadata only. */
    Source[] order() default {Source.TRIGGER_METADATA};

    /** The value used when no source has one. */
    String defaultValue() default NO_DEFAULT;

    /** Absent is fine: the component is {@code null}, an empty collection, or {@code Optional.empty()}. */
    boolean optional() default false;

    /** Separator for list, set and map values. */
    String separator() default ",";

    /** For integer lists: entries may be ranges such as {@code 1-5} (KEDA's {@code range}). */
    boolean ranges() default false;

    /** Smallest accepted number, inclusive. */
    double min() default Double.NEGATIVE_INFINITY;

    /** Whether {@link #min()} itself is refused (for "must be greater than 0"). */
    boolean minExclusive() default false;

    /** Largest accepted number, inclusive. */
    double max() default Double.POSITIVE_INFINITY;

    /** When not empty, the parameter is deprecated: setting it logs a warning with this text. */
    String deprecated() default "";

    /** One line for the parameter reference. */
    String description() default "";
}
