package dev.tide.lint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;

/** The two ways a report is written: lines for people, one JSON document for pipelines. */
final class Outputs {

    private Outputs() {
    }

    static void write(LintReport report, LintOptions.Output output, PrintStream out) {
        switch (output) {
            case TEXT -> text(report, out);
            case JSON -> out.println(json(report));
        }
        out.flush();
    }

    /** {@code path:line: severity: Kind namespace/name: message} per finding, then the summary line. */
    static void text(LintReport report, PrintStream out) {
        report.findings().forEach(finding -> out.println(finding.describe()));
        out.println(report.summary());
    }

    /**
     * {@code {"findings": [{file, line, kind, namespace, name, severity, field, message, reason}], "summary": {objects,
     * files, errors, warnings, infos}}}; {@code kind}, {@code namespace}, {@code name} and {@code field} are null when
     * the finding has none (a file that is not YAML, a cluster-scoped object).
     */
    static String json(LintReport report) {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        ArrayNode findings = root.putArray("findings");
        for (LintFinding finding : report.findings()) {
            ObjectNode node = findings.addObject();
            node.put("file", finding.file().toString());
            node.put("line", finding.line());
            node.put("kind", finding.object().map(ObjectRef::kind).orElse(null));
            node.put("namespace", finding.object().map(ObjectRef::namespace).orElse(null));
            node.put("name", finding.object().map(ObjectRef::name).orElse(null));
            node.put("severity", finding.severity().label());
            node.put("field", finding.finding().field());
            node.put("message", finding.finding().message());
            node.put("reason", finding.finding().reason());
        }
        ObjectNode summary = root.putObject("summary");
        summary.put("objects", report.objects());
        summary.put("files", report.files());
        summary.put("errors", report.count(Severity.ERROR));
        summary.put("warnings", report.count(Severity.WARNING));
        summary.put("infos", report.count(Severity.INFO));
        try {
            return mapper.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the lint report could not be written as JSON", e);
        }
    }
}
