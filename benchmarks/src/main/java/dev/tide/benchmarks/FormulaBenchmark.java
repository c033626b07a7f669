package dev.tide.benchmarks;

import dev.tide.formula.Formula;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * The cost of one {@link Formula#evaluate} call, for the scalingModifiers formulas KEDA's docs use, rewritten as
 * KEDA compiles them ({@code float(...)}). JMH is not served to this build, so this is a plain harness in JMH's
 * spirit: a warm-up, then timed batches, each result consumed so that the JIT cannot drop the work; the report
 * gives the median and the best batch in nanoseconds per evaluation, and the compile time once warm.
 *
 * <p>Arguments: {@code [seconds of warm-up per formula] [batches] [evaluations per batch]}, default
 * {@code 3 20 1000000}.
 */
public final class FormulaBenchmark {

    private FormulaBenchmark() {
    }

    /** A formula and the trigger values it runs with. */
    private record Case(String name, String formula, Map<String, Double> values) {
    }

    /** Written to at the end, so that the sum of all results is observable and the work cannot be eliminated. */
    private static volatile double sink;

    public static void main(String[] args) {
        int warmUpSeconds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int batches = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int perBatch = args.length > 2 ? Integer.parseInt(args[2]) : 1_000_000;
        Map<String, Double> values = new HashMap<>();
        values.put("a", 3.0);
        values.put("b", 4.0);
        values.put("c", 1.0);
        List<Case> cases = List.of(
                new Case("a + b", "a + b", values),
                new Case("ternary", "a > 2 ? a + b : 1", values),
                new Case("count predicate", "count([a, b, c], {# > 1}) > 1 ? 5 : 0", values));
        System.out.printf(Locale.ROOT, "java %s, %d CPUs; %d s warm-up, %d batches of %,d evaluations; "
                + "load average %.2f at start%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), warmUpSeconds, batches, perBatch, Machine.loadAverage());
        System.out.printf(Locale.ROOT, "%-16s %-55s %10s %10s %12s%n", "case", "formula (as compiled)",
                "median", "best", "compile");
        for (Case benchmark : cases) {
            run(benchmark, warmUpSeconds, batches, perBatch);
        }
        System.out.printf(Locale.ROOT, "load average %.2f at the end%n", Machine.loadAverage());
    }

    private static void run(Case benchmark, int warmUpSeconds, int batches, int perBatch) {
        String source = Formula.kedaRewrite(benchmark.formula());
        Set<String> variables = benchmark.values().keySet();
        Formula formula = Formula.compile(source, variables);
        double total = 0;
        long warmUpEnd = System.nanoTime() + warmUpSeconds * 1_000_000_000L;
        while (System.nanoTime() < warmUpEnd) {
            total += evaluate(formula, benchmark.values(), 10_000);
        }
        double[] nanosPerEvaluation = new double[batches];
        for (int batch = 0; batch < batches; batch++) {
            long start = System.nanoTime();
            total += evaluate(formula, benchmark.values(), perBatch);
            nanosPerEvaluation[batch] = (System.nanoTime() - start) / (double) perBatch;
        }
        long compileStart = System.nanoTime();
        int compiles = 10_000;
        for (int i = 0; i < compiles; i++) {
            total += Formula.compile(source, variables).source().length();
        }
        double compileMicros = (System.nanoTime() - compileStart) / 1_000.0 / compiles;
        sink += total;
        Arrays.sort(nanosPerEvaluation);
        System.out.printf(Locale.ROOT, "%-16s %-55s %7.1f ns %7.1f ns %9.2f µs%n", benchmark.name(), source,
                nanosPerEvaluation[batches / 2], nanosPerEvaluation[0], compileMicros);
    }

    private static double evaluate(Formula formula, Map<String, Double> values, int times) {
        double total = 0;
        for (int i = 0; i < times; i++) {
            OptionalDouble result = formula.evaluate(values);
            total += result.orElse(0);
        }
        return total;
    }
}
