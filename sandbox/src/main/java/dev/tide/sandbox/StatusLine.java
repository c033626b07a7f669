package dev.tide.sandbox;

import java.io.PrintStream;

/** Start-up progress on the terminal: one line per component. */
final class StatusLine {

    private final PrintStream out;
    private final long started = System.nanoTime();

    StatusLine(PrintStream out) {
        this.out = out;
    }

    void step(String what) {
        out.printf("  [%5.1fs] starting %s%n", (System.nanoTime() - started) / 1e9, what);
        out.flush();
    }
}
