package dev.tide.lint;

import java.util.List;

/**
 * What one lint run found.
 *
 * @param objects the KEDA objects checked (ScaledObjects and trigger authentications, readable or not)
 * @param files the YAML files read
 */
public record LintReport(List<LintFinding> findings, int objects, int files) {

    public LintReport {
        findings = List.copyOf(findings);
    }

    public long count(Severity severity) {
        return findings.stream().filter(finding -> finding.severity() == severity).count();
    }

    /** 1 when an error was found, or a warning under {@code strict}; 0 otherwise. */
    public int exitCode(boolean strict) {
        return count(Severity.ERROR) > 0 || strict && count(Severity.WARNING) > 0 ? ExitCode.FINDINGS : ExitCode.CLEAN;
    }

    /** {@code 12 objects checked in 4 files: 1 error, 2 warnings} */
    public String summary() {
        return plural(objects, "object") + " checked in " + plural(files, "file") + ": " + plural(count(Severity.ERROR), "error")
                + ", " + plural(count(Severity.WARNING), "warning");
    }

    private static String plural(long count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }
}
