package dev.tide.lint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tide.keda.api.validation.Finding;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.constructor.StandardConstructor;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Reads a manifest file into its objects, one per YAML document ({@code ---}) and one per item of a {@code kind: List}.
 * Scalars are typed by YAML 1.2's core schema ({@code 5} is a number, {@code "5"} a string, {@code yes} a string).
 * YAML that does not parse is a finding at its line; the documents before it are kept, the rest of the file cannot be
 * read. Duplicate keys are refused, as {@code kubectl} refuses them.
 */
final class ManifestReader {

    static final String INVALID_YAML = "invalid-yaml";

    private final ObjectMapper json;
    private final LoadSettings settings = LoadSettings.builder().setSchema(new CoreSchema()).setAllowDuplicateKeys(false).build();

    ManifestReader(ObjectMapper json) {
        this.json = json;
    }

    /** What a file holds: its objects, and what could not be read (at most one YAML error ends the file). */
    record Contents(List<ManifestDocument> documents, List<LintFinding> problems) {
    }

    /** @throws IOException when the file cannot be opened or read */
    Contents read(Path file) throws IOException {
        try (InputStream in = file.equals(ManifestFiles.STDIN) ? System.in : Files.newInputStream(file)) {
            return read(file, in);
        }
    }

    Contents read(Path file, InputStream in) {
        List<ManifestDocument> documents = new ArrayList<>();
        List<LintFinding> problems = new ArrayList<>();
        Iterator<Node> nodes = new Compose(settings).composeAllFromInputStream(in).iterator();
        while (true) {
            Node root;
            try {
                if (!nodes.hasNext()) {
                    break;
                }
                root = nodes.next();
            } catch (YamlEngineException e) {
                problems.add(invalid(file, e));
                break;
            }
            try {
                Object value = new StandardConstructor(settings).constructSingleDocument(Optional.of(root));
                add(new ManifestDocument(file, root, json.valueToTree(value)), documents);
            } catch (YamlEngineException e) {
                problems.add(invalid(file, e));
            } catch (IllegalArgumentException e) {
                problems.add(new LintFinding(file, FieldLines.line(root), Optional.empty(), Severity.ERROR,
                        new Finding(null, "cannot be turned into JSON: " + e.getMessage(), INVALID_YAML, true)));
            }
        }
        return new Contents(documents, problems);
    }

    /** An object as it is; the items of a {@code v1 List} one by one; anything that is not an object is left out. */
    private static void add(ManifestDocument document, List<ManifestDocument> documents) {
        JsonNode content = document.content();
        if (!content.isObject()) {
            return;
        }
        if ("v1".equals(document.apiVersion()) && "List".equals(document.kind()) && content.path("items").isArray()) {
            Optional<Node> items = FieldLines.node(document.root(), "items");
            if (items.isPresent() && items.get() instanceof SequenceNode sequence) {
                for (int i = 0; i < sequence.getValue().size(); i++) {
                    add(new ManifestDocument(document.file(), sequence.getValue().get(i), content.get("items").get(i)), documents);
                }
            }
            return;
        }
        documents.add(document);
    }

    private static LintFinding invalid(Path file, YamlEngineException e) {
        int line = 1;
        String message = e.getMessage();
        if (e instanceof MarkedYamlEngineException marked) {
            line = marked.getProblemMark().or(marked::getContextMark).map(Mark::getLine).orElse(0) + 1;
            message = (marked.getContext() == null || marked.getContext().isEmpty() ? "" : marked.getContext() + ": ")
                    + marked.getProblem();
        }
        return new LintFinding(file, line, Optional.empty(), Severity.ERROR,
                new Finding(null, "not valid YAML: " + message.lines().findFirst().orElse(""), INVALID_YAML, true));
    }
}
