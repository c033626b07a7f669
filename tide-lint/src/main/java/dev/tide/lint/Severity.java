package dev.tide.lint;

import java.util.Locale;

/** How much a finding weighs: errors fail the run, warnings fail it under {@code --strict}, notes never do. */
public enum Severity {
    ERROR,
    WARNING,
    /** Something lint did not check, said so that a silent pass is not mistaken for a checked one. */
    INFO;

    /** As the output spells it: {@code error}, {@code warning}, {@code info}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
