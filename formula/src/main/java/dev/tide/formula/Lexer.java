package dev.tide.formula;

import dev.tide.formula.Token.Kind;
import java.util.ArrayDeque;
import java.util.Set;

/**
 * expr-lang's lexer ({@code parser/lexer/state.go}), token for token, but lazy: the parser pulls one token at a
 * time, so that a syntax error before a bad character is reported first, as expr-lang reports it.
 *
 * <p>Differences on purpose: string, byte and raw string literals are refused here, because a formula over
 * float64 trigger values has no use for them and every string builtin would otherwise need porting.
 */
final class Lexer {

    /** Words expr-lang emits as operators rather than identifiers. */
    private static final Set<String> OPERATOR_WORDS =
            Set.of("in", "or", "and", "matches", "contains", "startsWith", "endsWith", "let", "if", "else");

    /** Words that may follow {@code not} to form one negated operator ({@code not in}). */
    private static final Set<String> NEGATABLE = Set.of("in", "matches", "contains", "startsWith", "endsWith");

    private final String source;
    private final ArrayDeque<Token> pending = new ArrayDeque<>(2);
    private int start;
    private int end;

    Lexer(String source) {
        this.source = source;
    }

    /** The next token; {@link Kind#EOF} at the end, repeatedly. */
    Token next() {
        if (!pending.isEmpty()) {
            return pending.poll();
        }
        while (true) {
            start = end;
            if (end >= source.length()) {
                int from = source.isEmpty() ? 0 : source.offsetByCodePoints(source.length(), -1);
                return new Token(Kind.EOF, "", from);
            }
            int c = advance();
            if (isSpace(c)) {
                continue;
            }
            if (c == '/' && accept("/")) {
                skipLineComment();
                continue;
            }
            if (c == '/' && accept("*")) {
                skipBlockComment();
                continue;
            }
            return scan(c);
        }
    }

    private Token scan(int c) {
        if (c == '\'' || c == '"' || c == '`') {
            throw error(start, "string literals are not supported in formulas");
        }
        if (c >= '0' && c <= '9') {
            end = start;
            return number();
        }
        if (c == '.') {
            if (peek() >= '0' && peek() <= '9') {
                end = start;
                return number();
            }
            accept(".");
            return emit(Kind.OPERATOR);
        }
        if (c == '?') {
            accept(".?");
            return emit(Kind.OPERATOR);
        }
        if (c == '#') {
            accept("#");
            Token pointer = emit(Kind.OPERATOR);
            while (isAlphaNumeric(peek())) {
                advance();
            }
            if (end > start) {
                pending.add(emit(Kind.IDENTIFIER));
            }
            return pointer;
        }
        if (c == '|') {
            accept("|");
            return emit(Kind.OPERATOR);
        }
        if (c == ':') {
            accept(":");
            return emit(Kind.OPERATOR);
        }
        if ("([{)]}".indexOf(c) >= 0) {
            return emit(Kind.BRACKET);
        }
        if (",;%+-^/".indexOf(c) >= 0) {
            return emit(Kind.OPERATOR);
        }
        if ("&!=*<>".indexOf(c) >= 0) {
            accept("&=*");
            return emit(Kind.OPERATOR);
        }
        if (isAlphaNumeric(c)) {
            return word();
        }
        throw error(start, "unrecognized character: " + unicodeName(c));
    }

    /** expr-lang's {@code scanNumber}: the literal is parsed later, by the parser, as expr-lang does. */
    private Token number() {
        String digits = "0123456789_";
        if (accept("0")) {
            if (accept("xX")) {
                digits = "0123456789abcdefABCDEF_";
            } else if (accept("oO")) {
                digits = "01234567_";
            } else if (accept("bB")) {
                digits = "01_";
            }
        }
        acceptRun(digits);
        int beforeDot = end;
        if (accept(".")) {
            if (peek() == '.') {
                // "1..2" is a range: the number ends before the first dot.
                end = beforeDot;
                return emit(Kind.NUMBER);
            }
            acceptRun(digits);
        }
        if (accept("eE")) {
            accept("+-");
            acceptRun(digits);
        }
        if (isAlphaNumeric(peek())) {
            advance();
            throw error(end - 1, "bad number syntax: " + GoText.quote(source.substring(start, end)));
        }
        return emit(Kind.NUMBER);
    }

    private Token word() {
        while (isAlphaNumeric(peek())) {
            advance();
        }
        String word = source.substring(start, end);
        if (word.equals("not")) {
            Token not = emit(Kind.OPERATOR);
            negatedOperator();
            return not;
        }
        return emit(OPERATOR_WORDS.contains(word) ? Kind.OPERATOR : Kind.IDENTIFIER);
    }

    /** After {@code not}: {@code not in} and its kind are one operator each; any other word is lexed normally. */
    private void negatedOperator() {
        int afterNot = end;
        while (peek() == ' ') {
            advance();
        }
        start = end;
        while (isAlphaNumeric(peek())) {
            advance();
        }
        if (NEGATABLE.contains(source.substring(start, end))) {
            pending.add(emit(Kind.OPERATOR));
        } else {
            end = afterNot;
        }
    }

    private void skipLineComment() {
        while (end < source.length()) {
            if (advance() == '\n') {
                return;
            }
        }
    }

    private void skipBlockComment() {
        while (true) {
            if (end >= source.length()) {
                throw error(source.length(), "unclosed comment");
            }
            if (advance() == '*' && accept("/")) {
                return;
            }
        }
    }

    private Token emit(Kind kind) {
        Token token = new Token(kind, source.substring(start, end), start);
        start = end;
        return token;
    }

    private int advance() {
        int c = source.codePointAt(end);
        end += Character.charCount(c);
        return c;
    }

    private int peek() {
        return end < source.length() ? source.codePointAt(end) : -1;
    }

    private boolean accept(String valid) {
        int c = peek();
        if (c >= 0 && valid.indexOf(c) >= 0) {
            advance();
            return true;
        }
        return false;
    }

    private void acceptRun(String valid) {
        while (accept(valid)) {
            // absorb
        }
    }

    private FormulaException error(int position, String message) {
        return SourceError.at(source, position, message);
    }

    /** Whether {@code word} forms one operator with a {@code not} before it. */
    static boolean isNegatable(String word) {
        return NEGATABLE.contains(word);
    }

    /** Go's {@code unicode.IsSpace}. */
    private static boolean isSpace(int c) {
        return (c >= '\t' && c <= '\r') || c == ' ' || c == 0x85 || c == 0xA0 || Character.isSpaceChar(c);
    }

    /** expr-lang's {@code utils.IsAlphaNumeric}: letters, digits, {@code _} and {@code $}. */
    static boolean isAlphaNumeric(int c) {
        return c == '_' || c == '$' || (c >= 0 && (Character.isLetter(c) || Character.isDigit(c)));
    }

    /** Go's {@code %#U}: {@code U+0040 '@'}. */
    private static String unicodeName(int c) {
        String hex = String.format("U+%04X", c);
        return Character.isISOControl(c) ? hex : hex + " '" + new String(Character.toChars(c)) + "'";
    }
}
