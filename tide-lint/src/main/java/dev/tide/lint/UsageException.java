package dev.tide.lint;

/**
 * Lint cannot run as asked, so nothing was checked: a bad option, a path that cannot be read, plugins that cannot be
 * loaded. Exit code {@link ExitCode#USAGE}.
 */
final class UsageException extends RuntimeException {

    UsageException(String message) {
        super(message, null, false, false);
    }
}
