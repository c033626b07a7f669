package dev.tide.architecture;

import dev.tide.architecture.JavaStringLiterals.Literal;
import dev.tide.architecture.KedaNames.KedaName;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Finds string literals in main sources outside keda-api that spell one of KEDA's names. */
final class KedaNameScan {

    /** The module that spells KEDA's names; every other module uses its constants. */
    static final String KEDA_API_MODULE = "keda-api";

    /** Pieces of KEDA's names that give a literal away wherever they appear in it. */
    static final List<String> FRAGMENTS = List.of("keda-hpa-", "scaledobject.keda.sh/", "autoscaling.keda.sh/",
            "finalizer.keda.sh", "keda.sh/v1alpha1");

    /**
     * The one allowance: scaler-api names the kind of a trigger's owner for plugins ({@code ScaledObjectRef}), and may
     * depend on nothing of Tide (the Maven enforcer and the SPI rule), so it cannot use keda-api's constant.
     */
    static final String SPI_MODULE = "scaler-api";
    static final Set<String> SPI_OWN_NAMES = Set.of("ScaledObject", "ScaledJob");

    /** A literal that spells a KEDA name: where, what, and which constant to use instead. */
    record Hit(Path file, int line, String literal, String why) {

        @Override
        public String toString() {
            return file + ":" + line + ": \"" + literal.replace("\n", "\\n") + "\" " + why;
        }
    }

    private KedaNameScan() {
    }

    /** Every hit in the main sources under {@code root} (keda-api excepted), in file and line order. */
    static List<Hit> scan(Path root, List<KedaName> names) {
        Map<String, List<String>> byValue = KedaNames.byValue(names);
        List<Hit> hits = new ArrayList<>();
        for (Path file : MainSources.under(root, Set.of(KEDA_API_MODULE))) {
            for (Literal literal : JavaStringLiterals.in(read(root.resolve(file)))) {
                List<String> constants = byValue.get(literal.text());
                if (constants != null && file.startsWith(SPI_MODULE) && SPI_OWN_NAMES.contains(literal.text())) {
                    continue;
                }
                if (constants != null) {
                    hits.add(new Hit(file, literal.line(), literal.text(), "is " + String.join(" and ", constants)));
                    continue;
                }
                FRAGMENTS.stream().filter(literal.text()::contains).findFirst().ifPresent(fragment -> hits.add(
                        new Hit(file, literal.line(), literal.text(), "contains KEDA's \"" + fragment + "\"")));
            }
        }
        return hits;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
