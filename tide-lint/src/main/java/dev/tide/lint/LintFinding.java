package dev.tide.lint;

import dev.tide.keda.api.validation.Finding;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One line of lint's output: where in which file, about which object, how severe, and the validator's finding.
 *
 * @param file the file as reached from the paths given on the command line
 * @param line 1-based: the line of the field the finding names, else of its nearest parent, else of the document
 * @param object empty for a finding about the file itself (YAML that does not parse)
 * @param finding the validator's finding; lint's own findings about the file have no field and are shown as written
 */
public record LintFinding(Path file, int line, Optional<ObjectRef> object, Severity severity, Finding finding) {

    /** {@code path:line: error: ScaledObject default/orders: <what>} */
    public String describe() {
        return file + ":" + line + ": " + severity.label() + ": " + object.map(ref -> ref + ": ").orElse("") + finding.describe();
    }
}
