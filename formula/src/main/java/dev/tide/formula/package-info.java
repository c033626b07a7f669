/**
 * The formula language of KEDA's {@code spec.advanced.scalingModifiers.formula}: expr-lang (v1.17.8, the version
 * KEDA builds with) over float64 trigger values, compiled and evaluated in plain Java. Entry points:
 * {@link dev.tide.formula.Formula#compile}, {@link dev.tide.formula.Formula#compileAndDryRun} (KEDA's validation),
 * {@link dev.tide.formula.Formula#kedaRewrite} (KEDA's {@code castToFloatIfNecessary}) and
 * {@link dev.tide.formula.Formula#evaluate}.
 *
 * <h2>Decision: a small parser and evaluator of our own</h2>
 * Not a general scripting engine (JEXL, SpEL, MVEL, a JavaScript engine) run in a restricted mode, because:
 * <ul>
 *   <li>The formulas need expr-lang's syntax exactly: {@code ??}, the ternary, {@code let}, array literals and
 *       {@code count([a, b], {# > 1})} predicates with {@code #}. No engine parses these; translating them into
 *       another language would be a parser of our own anyway, plus a second language's semantics to reconcile.</li>
 *   <li>expr-lang's semantics matter to users: int against float64 typing ({@code float(...)} wrapping, an int
 *       result refused), Go float64 arithmetic (division by zero gives ±Inf or NaN, never an error), nil flowing
 *       through {@code ??}, and the compile errors KEDA shows ({@code unknown name x (1:1)}). Reproducing them on top
 *       of an engine with other rules costs more than writing them down.</li>
 *   <li>Safety by construction: a general engine would have to be locked down until it reaches nothing but
 *       variables (no classes, methods, reflection, loops), and every release of it could reopen a door. This
 *       language has no syntax for any of that: member access, indexing, strings, maps and calls of anything but a
 *       fixed list of numeric builtins are refused when the formula compiles.</li>
 *   <li>Bounded cost: source length, nesting, node count and predicate iterations are capped ({@code Limits}), the
 *       parser checks its depth before it recurses, and lists exist only as literals, so one evaluation does a
 *       bounded amount of work and never overflows the stack.</li>
 * </ul>
 *
 * <h2>How it is built</h2>
 * {@code Lexer} and {@code Parser} follow expr-lang's {@code parser/lexer} and {@code parser/parser.go} function for
 * function (same precedences, same quirks, same messages). {@code Checker} follows {@code checker/checker.go}
 * (expr-lang's types, reduced to unknown, nil, bool, int, float64 and arrays) and emits a tree of {@code Code}
 * lambdas; {@code Ops} and {@code Builtins} are expr-lang's {@code vm/runtime} and {@code builtin/lib.go}. Run-time
 * values are Java stand-ins for Go's: {@code Double} for float64, {@code Long} for int, {@code Boolean}, {@code null}
 * for nil, and an unmodifiable {@code List} for {@code []interface {}}.
 *
 * <h2>Known differences from expr-lang</h2>
 * Refused at compile time although expr-lang accepts them: string and byte literals, map literals, member access
 * ({@code a.b}, {@code a?.b}, method calls), indexing and slicing, {@code in}, {@code not in}, {@code matches},
 * {@code contains}, {@code startsWith}, {@code endsWith}, ranges ({@code ..}), the pipe ({@code |}), {@code ::},
 * {@code $env}, {@code #acc}, builtins other than {@code all none any one filter map count sum len abs ceil floor
 * round int float max min mean median}, and a builtin's name used as a value.
 *
 * <p>Also: a fractional power ({@code a ** 1.5}) may differ from Go's in the last bit, because Go's {@code Exp} and
 * {@code Log} are assembly whose result depends on the CPU (integer powers follow Go's {@code math.Pow} exactly);
 * {@code int(x)} of NaN, ±Inf or out-of-range floats follows amd64 (minimum int64). expr-lang's optimizer rewrites
 * that change a result or an error are reproduced ({@code Optimizer}: constant folding, {@code x && true} as
 * {@code x}, {@code 1 % 0} failing at compile time, merged {@code all}/{@code any}/{@code none},
 * {@code len(filter(...))} as {@code count}, {@code sum(map(...))}, {@code count(...) > n} stopping early,
 * {@code sum([a, b])} as {@code a + b}); two are not, and they can only change which error a failing formula
 * reports first: {@code filter(filter(xs, p), q)} and {@code map(filter(xs, p), q)} as one loop.
 *
 * <p>Limits: a formula beyond 4096 characters, 64 levels of nesting, a tree 128 levels deep or 1000 nodes is
 * refused, where expr-lang only caps nodes (at 10,000); an evaluation stops after 100,000 predicate iterations
 * (expr-lang has no such limit) or, as in expr-lang, a million list elements.
 */
package dev.tide.formula;
