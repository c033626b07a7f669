package dev.tide.formula;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Runs every case of {@code expr-oracle-cases.tsv} through expr-lang itself (the Go program in
 * {@code src/test/go}, named by {@code TIDE_EXPR_ORACLE}) and through Tide, and requires the same value, Go type
 * or error text for each, except where Tide refuses a formula on purpose. A tool, not a test: building the oracle
 * needs Go and expr-lang's source, which the build does not have; the parity tables carry its results into the
 * normal build. Run it as {@code src/test/go/README.md} says; it exits 1 on any difference.
 */
final class ExprLangOracle {

    private ExprLangOracle() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        if (System.getenv("TIDE_EXPR_ORACLE") == null) {
            System.err.println("Set TIDE_EXPR_ORACLE to the oracle built from formula/src/test/go (see its README)");
            System.exit(2);
        }
        try {
            compareEveryCase();
        } catch (AssertionError e) {
            System.err.println(e.getMessage());
            System.exit(1);
        }
        System.out.println("Tide gives the results expr-lang gives for every case");
    }

    private static void compareEveryCase() throws IOException, InterruptedException {
        Path cases;
        try (InputStream resource = ExprLangOracle.class.getResourceAsStream("/expr-oracle-cases.tsv")) {
            cases = Files.createTempFile("expr-oracle-cases", ".tsv");
            Files.write(cases, Objects.requireNonNull(resource).readAllBytes());
        }
        Process oracle = new ProcessBuilder(System.getenv("TIDE_EXPR_ORACLE"))
                .redirectInput(cases.toFile()).redirectErrorStream(true).start();
        List<String> expected = new String(oracle.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                .lines().toList();
        assertThat(oracle.waitFor(60, TimeUnit.SECONDS)).isTrue();
        List<String> lines = Files.readAllLines(cases);
        assertThat(expected).hasSameSizeAs(lines);

        List<String> differences = new ArrayList<>();
        int refused = 0;
        for (int i = 0; i < lines.size(); i++) {
            String actual = run(lines.get(i));
            if (actual.contains("not supported in formulas") || actual.contains("can only be called")) {
                refused++;
            } else if (!actual.equals(expected.get(i))) {
                differences.add("expr-lang: " + expected.get(i) + "\n     Tide: " + actual);
            }
        }
        assertThat(differences).as("%d cases, %d refused on purpose", lines.size(), refused).isEmpty();
    }

    /** One case through Tide, printed as the oracle prints it. */
    private static String run(String line) {
        String[] parts = line.split("\t", 2);
        Map<String, Double> values = new HashMap<>();
        if (parts.length > 1 && !parts[1].isEmpty()) {
            for (String pair : parts[1].split(",")) {
                String[] nameValue = pair.split("=", 2);
                switch (nameValue[1]) {
                    case "nil" -> values.put(nameValue[0], null);
                    case "absent" -> { }
                    default -> values.put(nameValue[0], Double.valueOf(nameValue[1]
                            .replace("+Inf", "Infinity").replace("-Inf", "-Infinity")));
                }
            }
        }
        // Every named variable is declared, absent ones included, as KEDA declares every named trigger.
        Map<String, Double> declared = new HashMap<>(values);
        if (parts.length > 1 && !parts[1].isEmpty()) {
            for (String pair : parts[1].split(",")) {
                declared.putIfAbsent(pair.split("=", 2)[0], null);
            }
        }
        String formula = parts[0].replace("\\n", "\n");
        String outcome;
        try {
            Formula compiled = Formula.compile(formula, declared.keySet());
            try {
                Object value = compiled.evaluateValue(values);
                outcome = "value\t" + escape(GoText.typeName(value) + "\t" + GoText.value(value));
            } catch (FormulaException e) {
                outcome = "run\t" + escape(e.getMessage());
            }
        } catch (FormulaException e) {
            outcome = "compile\t" + escape(e.getMessage());
        }
        return parts[0] + "\t" + outcome;
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n");
    }
}
