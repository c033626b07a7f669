package dev.tide.formula;

/**
 * Formats an error at a position of the source as expr-lang's {@code file.Error} does: the message, the 1-based line
 * and column in runes, then the line itself and a caret under the column. Users compare Tide's messages with KEDA's,
 * so the shape is copied, including its quirk of dropping the position when the line is empty.
 */
final class SourceError {

    private SourceError() {
    }

    /** The exception for {@code message} at char index {@code position} of {@code source}. */
    static FormulaException at(String source, int position, String message) {
        return new FormulaException(format(source, position, message));
    }

    static String format(String source, int position, String message) {
        int line = 1;
        int column = 0;
        int lineStart = 0;
        int i = 0;
        while (i < source.length() && i < position) {
            int codePoint = source.codePointAt(i);
            int next = i + Character.charCount(codePoint);
            if (codePoint == '\n') {
                lineStart = next;
                line++;
                column = 0;
            } else {
                column++;
            }
            i = next;
        }
        int lineEnd = source.indexOf('\n', lineStart);
        if (lineEnd < 0) {
            lineEnd = source.length();
        }
        if (lineStart == lineEnd) {
            return message;
        }
        StringBuilder text = new StringBuilder(message.length() + 2 * (lineEnd - lineStart) + 16)
                .append(message).append(" (").append(line).append(':').append(column + 1).append(')')
                .append("\n | ").append(source.substring(lineStart, lineEnd).replace('\t', ' ')).append("\n | ");
        for (int dot = 0; dot < column; dot++) {
            text.append('.');
        }
        return text.append('^').toString();
    }
}
