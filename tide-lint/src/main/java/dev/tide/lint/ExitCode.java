package dev.tide.lint;

/** The exit codes of {@code tide lint}, as a CI step reads them. */
public final class ExitCode {

    /** No error (warnings allowed unless {@code --strict}). */
    public static final int CLEAN = 0;
    /** Errors found, or warnings under {@code --strict}. */
    public static final int FINDINGS = 1;
    /** A bad option, a path that cannot be read, or plugins that cannot be loaded: nothing was checked. */
    public static final int USAGE = 2;

    private ExitCode() {
    }
}
