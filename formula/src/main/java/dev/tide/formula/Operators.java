package dev.tide.formula;

import java.util.Map;
import java.util.Set;

/** expr-lang's operator table ({@code parser/operator/operator.go}): what binds how tightly, and which way. */
final class Operators {

    /** A binary operator's precedence, and whether it associates to the left ({@code **} and {@code ^} do not). */
    record Binary(int precedence, boolean leftAssociative) {
    }

    static final Map<String, Binary> BINARY = Map.ofEntries(
            Map.entry("|", new Binary(0, true)),
            Map.entry("or", new Binary(10, true)), Map.entry("||", new Binary(10, true)),
            Map.entry("and", new Binary(15, true)), Map.entry("&&", new Binary(15, true)),
            Map.entry("==", new Binary(20, true)), Map.entry("!=", new Binary(20, true)),
            Map.entry("<", new Binary(20, true)), Map.entry(">", new Binary(20, true)),
            Map.entry(">=", new Binary(20, true)), Map.entry("<=", new Binary(20, true)),
            Map.entry("in", new Binary(20, true)), Map.entry("matches", new Binary(20, true)),
            Map.entry("contains", new Binary(20, true)), Map.entry("startsWith", new Binary(20, true)),
            Map.entry("endsWith", new Binary(20, true)), Map.entry("..", new Binary(25, true)),
            Map.entry("+", new Binary(30, true)), Map.entry("-", new Binary(30, true)),
            Map.entry("*", new Binary(60, true)), Map.entry("/", new Binary(60, true)),
            Map.entry("%", new Binary(60, true)),
            Map.entry("**", new Binary(100, false)), Map.entry("^", new Binary(100, false)),
            // Tighter than everything: "a + b ?? c" is "a + (b ?? c)".
            Map.entry("??", new Binary(500, true)));

    /** Unary operators and the precedence of the operand they take: {@code -a ** 2} is {@code -(a ** 2)}. */
    static final Map<String, Integer> UNARY = Map.of("not", 50, "!", 50, "-", 90, "+", 90);

    /** Comparisons chain: {@code a < b < c} is {@code a < b && b < c}. */
    static final Set<String> COMPARISONS = Set.of("<", ">", ">=", "<=");

    /** Operators expr-lang has for strings, maps, ranges and pipes; none of them applies to trigger values. */
    static final Set<String> UNSUPPORTED = Set.of("|", "in", "matches", "contains", "startsWith", "endsWith", "..");

    private Operators() {
    }
}
