package dev.tide.lint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tide.keda.api.validation.Finding;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
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
import org.snakeyaml.engine.v2.exceptions.ReaderException;
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
        byte[] bytes = file.equals(ManifestFiles.STDIN) ? System.in.readAllBytes() : Files.readAllBytes(file);
        return read(file, bytes);
    }

    /** UTF-8 text, as Kubernetes reads manifests; bytes that are not are an error at their line. */
    Contents read(Path file, byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        if (decoder.decode(in, out, true).isError()) {
            int line = 1;
            for (int i = 0; i < in.position(); i++) {
                line += bytes[i] == '\n' ? 1 : 0;
            }
            return new Contents(List.of(), List.of(new LintFinding(file, line, Optional.empty(), Severity.ERROR,
                    new Finding(null, "not valid YAML: not UTF-8 text (a binary file?)", INVALID_YAML, true))));
        }
        decoder.flush(out);
        String text = out.flip().toString();
        return read(file, text.startsWith("\uFEFF") ? text.substring(1) : text);
    }

    Contents read(Path file, String text) {
        List<ManifestDocument> documents = new ArrayList<>();
        List<LintFinding> problems = new ArrayList<>();
        Iterator<Node> nodes = new Compose(settings).composeAllFromString(text).iterator();
        while (true) {
            Node root;
            try {
                if (!nodes.hasNext()) {
                    break;
                }
                root = nodes.next();
            } catch (YamlEngineException e) {
                problems.add(invalid(file, text, e));
                break;
            }
            try {
                Object value = new StandardConstructor(settings).constructSingleDocument(Optional.of(root));
                add(new ManifestDocument(file, root, json.valueToTree(value)), documents);
            } catch (YamlEngineException e) {
                problems.add(invalid(file, text, e));
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

    private static LintFinding invalid(Path file, String text, YamlEngineException e) {
        int line = 1;
        String message = e.getMessage();
        if (e instanceof MarkedYamlEngineException marked) {
            line = marked.getProblemMark().or(marked::getContextMark).map(Mark::getLine).orElse(0) + 1;
            message = (marked.getContext() == null || marked.getContext().isEmpty() ? "" : marked.getContext() + ": ")
                    + marked.getProblem();
        } else if (e instanceof ReaderException reader) {
            line = 1 + (int) text.codePoints().limit(reader.getPosition()).filter(c -> c == '\n').count();
            message = String.format(java.util.Locale.ROOT, "character U+%04X is not allowed", reader.getCodePoint());
        }
        return new LintFinding(file, line, Optional.empty(), Severity.ERROR,
                new Finding(null, "not valid YAML: " + message.lines().findFirst().orElse(""), INVALID_YAML, true));
    }
}
