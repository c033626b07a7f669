package dev.tide.scaler.api.params;

import dev.tide.scaler.api.ScalerFactory;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Renders the Markdown reference of every scaler's parameters from their {@link Param} annotations, so the
 * reference cannot drift from what the binder actually reads.
 */
public final class ParameterReference {

    private ParameterReference() {
    }

    /** The whole reference document for these factories, sorted by trigger type. */
    public static String markdown(Collection<? extends ScalerFactory> factories, String regenerateCommand) {
        StringBuilder out = new StringBuilder()
                .append("# Scaler parameter reference\n\n")
                .append("Generated from the `@Param` annotations of each scaler's parameter records; do not edit by hand.\n")
                .append("Regenerate with `").append(regenerateCommand).append("`.\n\n")
                .append("Sources are read in the order listed; the first non-empty value wins. `resolvedEnv` means\n")
                .append("`<parameter>FromEnv` names a variable of the scale target's container. Values are trimmed and\n")
                .append("an empty value counts as missing.\n");
        factories.stream()
                .sorted(Comparator.comparing(ScalerFactory::type))
                .forEach(factory -> appendScaler(out, factory));
        return out.toString();
    }

    private static void appendScaler(StringBuilder out, ScalerFactory factory) {
        out.append("\n## `").append(factory.type()).append("`\n");
        for (Class<? extends Record> type : factory.parameterTypes()) {
            out.append("\n").append(type.getSimpleName()).append(":\n\n")
                    .append("| Parameter | Type | Required | Default | Sources | Notes |\n")
                    .append("|---|---|---|---|---|---|\n");
            for (ParameterDescriptor parameter : ParameterBinder.describe(type)) {
                out.append("| `").append(parameter.name()).append("` | ")
                        .append(parameter.valueType().describe()).append(" | ")
                        .append(parameter.required() ? "yes" : "no").append(" | ")
                        .append(parameter.defaultValue().map(value -> "`" + value + "`").orElse("")).append(" | ")
                        .append(parameter.order().stream().map(Source::kedaName).collect(Collectors.joining(", "))).append(" | ")
                        .append(escape(notes(parameter))).append(" |\n");
            }
        }
    }

    private static String notes(ParameterDescriptor parameter) {
        List<String> notes = new ArrayList<>();
        if (!parameter.description().isEmpty()) {
            notes.add(parameter.description());
        }
        List<String> allowed = parameter.valueType().allowedValues();
        if (!allowed.isEmpty()) {
            notes.add("one of " + allowed.stream().map(v -> "`" + v + "`").collect(Collectors.joining(", ")));
        }
        if (!parameter.aliases().isEmpty()) {
            notes.add("also read as " + parameter.aliases().stream().map(a -> "`" + a + "`").collect(Collectors.joining(", ")));
        }
        if (parameter.multiValued()) {
            notes.add("separated by `" + parameter.separator() + "`" + (parameter.ranges() ? ", ranges such as `1-5` allowed" : ""));
        }
        parameter.bounds().ifPresent(bounds -> notes.add("must be " + bounds.describe()));
        if (parameter.secret()) {
            notes.add("secret: redacted everywhere");
        }
        parameter.deprecated().ifPresent(text -> notes.add("deprecated: " + text));
        return String.join("; ", notes);
    }

    private static String escape(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
