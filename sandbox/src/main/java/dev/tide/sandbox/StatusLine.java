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
        note("starting " + what);
    }

    /** A line about what a started component did, such as the plugins the controller loaded. */
    void note(String what) {
        out.printf("  [%5.1fs] %s%n", (System.nanoTime() - started) / 1e9, what);
        out.flush();
    }
}
