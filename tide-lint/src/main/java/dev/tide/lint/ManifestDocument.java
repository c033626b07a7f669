package dev.tide.lint;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * One object of a manifest file: its YAML node tree, for lines, and its content as JSON, for the model.
 *
 * @param root the document's node (or a {@code kind: List} item's)
 * @param content a JSON object
 */
record ManifestDocument(Path file, Node root, JsonNode content) {

    /** The line the object starts on. */
    int line() {
        return FieldLines.line(root);
    }

    /** The line of a field, of its nearest parent present, or of the object. */
    int line(String field) {
        return FieldLines.line(root, field);
    }

    String apiVersion() {
        return content.path("apiVersion").asText("");
    }

    /** The API group: {@code apps} of {@code apps/v1}, empty for the core group's {@code v1}. */
    String group() {
        String apiVersion = apiVersion();
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? "" : apiVersion.substring(0, slash);
    }

    /** {@code v1} of {@code apps/v1}. */
    String version() {
        String apiVersion = apiVersion();
        return apiVersion.substring(apiVersion.indexOf('/') + 1);
    }

    String kind() {
        return content.path("kind").asText("");
    }

    String name() {
        return content.path("metadata").path("name").asText("");
    }

    /** The namespace the manifest names, else {@code default}, where {@code kubectl apply} would put it. */
    String namespace() {
        String namespace = content.path("metadata").path("namespace").asText("");
        return namespace.isEmpty() ? "default" : namespace;
    }
}
