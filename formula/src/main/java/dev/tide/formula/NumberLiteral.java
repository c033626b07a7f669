package dev.tide.formula;

import dev.tide.formula.Node.FloatLiteral;
import dev.tide.formula.Node.IntLiteral;
import java.math.BigInteger;
import java.util.Locale;

/**
 * Number literals as expr-lang's parser reads them: underscores dropped, {@code 0x}/{@code 0b}/{@code 0o} prefixes
 * and plain digits as int (int64), anything with a dot or an exponent as float64, and Go's {@code strconv} error
 * texts when a literal does not fit.
 */
final class NumberLiteral {

    private NumberLiteral() {
    }

    /**
     * @param errorPosition where expr-lang reports a bad literal: at the token after it, since its parser has
     *     already moved on when it converts the text
     */
    static Node parse(String source, Token token, int errorPosition) {
        String value = token.value().replace("_", "");
        String lower = value.toLowerCase(Locale.ROOT);
        if (lower.startsWith("0x")) {
            return new IntLiteral(parseInt(source, errorPosition, value, 16, "hex"), token.position());
        }
        if (lower.indexOf('.') >= 0 || lower.indexOf('e') >= 0) {
            return new FloatLiteral(parseFloat(source, errorPosition, value), token.position());
        }
        if (lower.startsWith("0b")) {
            return new IntLiteral(parseInt(source, errorPosition, value, 2, "binary"), token.position());
        }
        if (lower.startsWith("0o")) {
            return new IntLiteral(parseInt(source, errorPosition, value, 8, "octal"), token.position());
        }
        return new IntLiteral(parseInt(source, errorPosition, value, 10, "integer"), token.position());
    }

    private static long parseInt(String source, int errorPosition, String value, int radix, String name) {
        String digits = radix == 10 ? value : value.substring(2);
        if (digits.isEmpty()) {
            throw invalid(source, errorPosition, name, "ParseInt", value, "invalid syntax");
        }
        BigInteger number;
        try {
            number = new BigInteger(digits, radix);
        } catch (NumberFormatException e) {
            throw invalid(source, errorPosition, name, "ParseInt", value, "invalid syntax");
        }
        if (number.bitLength() > 63) {
            throw invalid(source, errorPosition, name, "ParseInt", value, "value out of range");
        }
        return number.longValue();
    }

    private static double parseFloat(String source, int errorPosition, String value) {
        double number;
        try {
            number = Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw invalid(source, errorPosition, "float", "ParseFloat", value, "invalid syntax");
        }
        if (Double.isInfinite(number)) {
            throw invalid(source, errorPosition, "float", "ParseFloat", value, "value out of range");
        }
        return number;
    }

    /** expr-lang's {@code invalid <kind> literal: strconv.<fn>: parsing "<text>": <reason>}. */
    private static FormulaException invalid(String source, int errorPosition, String kind, String function,
            String value, String reason) {
        return SourceError.at(source, errorPosition, "invalid " + kind + " literal: strconv." + function
                + ": parsing " + GoText.quote(value) + ": " + reason);
    }
}
