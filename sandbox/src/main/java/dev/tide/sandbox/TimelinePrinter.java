package dev.tide.sandbox;

import java.io.PrintStream;
import java.util.Locale;

/** Prints a timeline row when it changed, at most once a second, and at least every 5 s while nothing changes. */
final class TimelinePrinter {

    private final PrintStream out;
    private String lastLine = "";
    private long nextPrint;

    TimelinePrinter(PrintStream out) {
        this.out = out;
    }

    void offer(double seconds, long elapsedMillis, String line) {
        if (!line.equals(lastLine) && elapsedMillis >= nextPrint || elapsedMillis >= nextPrint + 5000) {
            out.printf(Locale.ROOT, "  %6.1fs  %s%n", seconds, line);
            out.flush();
            lastLine = line;
            nextPrint = elapsedMillis + 1000;
        }
    }
}
