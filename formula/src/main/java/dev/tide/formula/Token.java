package dev.tide.formula;

/**
 * One token of expr-lang's lexer.
 *
 * @param kind the token class, named as expr-lang names it (error messages print it)
 * @param value the token's text; empty for the end of input
 * @param position char index of its first character in the source
 */
record Token(Kind kind, String value, int position) {

    /** expr-lang's token kinds; strings and bytes are refused by the lexer, so they never appear. */
    enum Kind {
        IDENTIFIER("Identifier"), NUMBER("Number"), OPERATOR("Operator"), BRACKET("Bracket"), EOF("EOF");

        private final String exprName;

        Kind(String exprName) {
            this.exprName = exprName;
        }
    }

    boolean is(Kind kind) {
        return this.kind == kind;
    }

    boolean is(Kind kind, String value) {
        return this.kind == kind && this.value.equals(value);
    }

    /** As expr-lang prints a token in {@code unexpected token ...}: {@code Operator("#")}, or just {@code EOF}. */
    @Override
    public String toString() {
        return value.isEmpty() ? kind.exprName : kind.exprName + "(" + GoText.quote(value) + ")";
    }
}
