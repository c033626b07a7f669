package dev.tide.formula;

/**
 * The static type the checker gives a node: expr-lang's {@code Nature}, reduced to the kinds a formula over
 * float64 variables can produce.
 *
 * @param kind what the node yields
 * @param element the element type of an {@link Kind#ARRAY}; {@code null} otherwise
 */
record Type(Kind kind, Type element) {

    enum Kind {
        /** Not known until run time: expr-lang's empty Nature, printed "unknown". */
        UNKNOWN,
        /**
         * Also not known, but as Go's {@code interface {}} (a builtin's result, a mixed list's element): it is
         * checked as unknown, yet printed differently and anything can be assigned to it.
         */
        ANY,
        /** The literal {@code nil}. */
        NIL,
        BOOL,
        /** Go's int, 64 bits. */
        INT,
        FLOAT,
        /** A list; at run time always Go's {@code []interface {}}. */
        ARRAY
    }

    static final Type UNKNOWN = new Type(Kind.UNKNOWN, null);
    static final Type ANY = new Type(Kind.ANY, null);
    static final Type NIL = new Type(Kind.NIL, null);
    static final Type BOOL = new Type(Kind.BOOL, null);
    static final Type INT = new Type(Kind.INT, null);
    static final Type FLOAT = new Type(Kind.FLOAT, null);

    static Type arrayOf(Type element) {
        return new Type(Kind.ARRAY, element);
    }

    /** expr-lang's {@code IsUnknown}: unknown, or {@code interface {}}. */
    boolean isUnknown() {
        return kind == Kind.UNKNOWN || kind == Kind.ANY;
    }

    boolean isNil() {
        return kind == Kind.NIL;
    }

    boolean isBool() {
        return kind == Kind.BOOL;
    }

    boolean isInt() {
        return kind == Kind.INT;
    }

    boolean isNumber() {
        return kind == Kind.INT || kind == Kind.FLOAT;
    }

    boolean isArray() {
        return kind == Kind.ARRAY;
    }

    /** The type of {@code #} over this collection. */
    Type elementOrUnknown() {
        return isArray() ? element : UNKNOWN;
    }

    /**
     * expr-lang's {@code AssignableTo}: nil fits an array or {@code interface {}}, anything typed fits
     * {@code interface {}}, equal kinds fit each other (every array is {@code []interface {}} underneath), and an
     * unknown fits nothing and is fitted by nothing.
     */
    boolean assignableTo(Type target) {
        if (kind == Kind.NIL) {
            return target.kind == Kind.ARRAY || target.kind == Kind.ANY;
        }
        if (kind == Kind.UNKNOWN || target.kind == Kind.UNKNOWN || target.kind == Kind.NIL) {
            return false;
        }
        return target.kind == Kind.ANY || kind == target.kind;
    }

    /** Whether two array elements have the same reflect kind (unknown and nil both have none: Invalid). */
    boolean sameKindAs(Type other) {
        Kind mine = kind == Kind.NIL ? Kind.UNKNOWN : kind;
        Kind theirs = other.kind == Kind.NIL ? Kind.UNKNOWN : other.kind;
        return mine == theirs;
    }

    /** As expr-lang's {@code Nature.String()} prints it in checker messages. */
    String natureName() {
        return switch (kind) {
            case UNKNOWN, NIL -> "unknown";
            case ANY -> "interface {}";
            case BOOL -> "bool";
            case INT -> "int";
            case FLOAT -> "float64";
            case ARRAY -> "[]interface {}";
        };
    }

    /** As a builtin's validator prints the {@code reflect.Type} of an argument. */
    String reflectName() {
        return switch (kind) {
            case UNKNOWN, ANY -> "interface {}";
            case NIL -> "%!s(<nil>)";
            default -> natureName();
        };
    }

    @Override
    public String toString() {
        return kind == Kind.ARRAY ? "[]" + element : kind.name().toLowerCase(java.util.Locale.ROOT);
    }
}
