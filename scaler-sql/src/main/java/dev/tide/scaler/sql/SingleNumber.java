package dev.tide.scaler.sql;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.regex.Pattern;

/**
 * The one number a trigger's query returns, read as KEDA reads it: Go's {@code QueryRow(query).Scan(&float64)}. The
 * first row's only column; a number, or text that Go's {@code strconv.ParseFloat} reads. No row, NULL, several columns
 * or anything else is an error in the Go driver's words: never a made-up 0.
 */
final class SingleNumber {

    /** Go's {@code ParseFloat} for decimal text: digits, a point, an exponent, or inf/infinity/nan in any case. */
    private static final Pattern GO_FLOAT = Pattern.compile(
            "[+-]?(?:(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?|(?i:inf|infinity|nan))");

    private SingleNumber() {
    }

    /** @throws NotANumber when the result is not one number; {@link SQLException} when the driver fails */
    static double of(ResultSet result) throws SQLException, NotANumber {
        int columns = result.getMetaData().getColumnCount();
        if (!result.next()) {
            throw new NotANumber("sql: no rows in result set");
        }
        if (columns != 1) {
            throw new NotANumber("sql: expected " + columns + " destination arguments in Scan, not 1");
        }
        Object cell = result.getObject(1);
        String scanError = "sql: Scan error on column index 0, name \"" + result.getMetaData().getColumnLabel(1) + "\": ";
        double value;
        if (cell == null) {
            throw new NotANumber(scanError + "converting NULL to float64 is unsupported");
        } else if (cell instanceof Number number) {
            value = number.doubleValue();
        } else if (cell instanceof String text && GO_FLOAT.matcher(text).matches()) {
            value = parse(text);
        } else {
            String type = cell instanceof String ? "string" : cell instanceof Boolean ? "bool" : cell.getClass().getSimpleName();
            throw new NotANumber(scanError + "converting driver.Value type " + type + " (\"" + shown(cell) + "\") to a "
                    + "float64: invalid syntax");
        }
        if (!Double.isFinite(value)) {
            throw new NotANumber(scanError + "the value " + value + " is not a finite number");
        }
        return value;
    }

    private static double parse(String text) {
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        if (lower.endsWith("nan")) {
            return Double.NaN;
        }
        if (lower.endsWith("inf") || lower.endsWith("infinity")) {
            return lower.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        return Double.parseDouble(text);
    }

    /** At most 64 characters of the cell, so a query that returns a document does not flood an event. */
    private static String shown(Object cell) {
        String text = String.valueOf(cell);
        return text.length() <= 64 ? text : text.substring(0, 64) + "…";
    }

    /** The query ran but did not give one number. */
    static final class NotANumber extends Exception {
        NotANumber(String message) {
            super(message);
        }
    }
}
