package dev.tide.lint;

import java.util.Optional;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Finds the line of a finding's field in a document's YAML node tree. A field reads
 * {@code spec.triggers[1] (kafka "orders").metadata.topic}: the trigger's label in brackets is dropped, then the
 * path is walked key by key and index by index. A field that is not in the document (a missing parameter) gets the
 * line of its nearest parent that is.
 */
final class FieldLines {

    /** The trigger label the validator puts after an index: {@code  (kafka "orders")}, quotes inside allowed. */
    private static final Pattern TRIGGER_LABEL = Pattern.compile(" \\((?:[^\"()]|\"(?:[^\"\\\\]|\\\\.)*\")*\\)");

    /** How deep a field was found: the node there and the line to show for it. */
    record Found(Node node, int line, boolean complete) {
    }

    private FieldLines() {
    }

    /** The 1-based line of {@code field}, of its nearest parent in the document, or of the document's start. */
    static int line(Node root, String field) {
        return find(root, field).line();
    }

    /** The node of {@code field}, when the document has every part of it. */
    static Optional<Node> node(Node root, String field) {
        Found found = find(root, field);
        return found.complete() ? Optional.of(found.node()) : Optional.empty();
    }

    static Found find(Node root, String field) {
        String path = field == null ? "" : TRIGGER_LABEL.matcher(field).replaceAll("");
        Node node = root;
        int line = line(root);
        int at = 0;
        while (at < path.length()) {
            char c = path.charAt(at);
            if (c == '.') {
                at++;
            } else if (c == '[') {
                int end = path.indexOf(']', at);
                Optional<Node> item = end < 0 ? Optional.empty() : item(node, path.substring(at + 1, end));
                if (item.isEmpty()) {
                    return new Found(node, line, false);
                }
                node = item.get();
                line = line(node);
                at = end + 1;
            } else {
                Optional<NodeTuple> entry = entry(node, path, at);
                if (entry.isEmpty()) {
                    return new Found(node, line, false);
                }
                // A key's line rather than its value's: a list or map value starts on the next line.
                line = line(entry.get().getKeyNode());
                node = entry.get().getValueNode();
                at += ((ScalarNode) entry.get().getKeyNode()).getValue().length();
            }
        }
        return new Found(node, line, true);
    }

    /** The longest key of a mapping that the path continues with, so that keys with dots in them are found too. */
    private static Optional<NodeTuple> entry(Node node, String path, int at) {
        if (!(node instanceof MappingNode mapping)) {
            return Optional.empty();
        }
        NodeTuple best = null;
        int bestLength = -1;
        for (NodeTuple tuple : mapping.getValue()) {
            if (tuple.getKeyNode() instanceof ScalarNode key) {
                String name = key.getValue();
                int end = at + name.length();
                boolean matches = path.startsWith(name, at)
                        && (end == path.length() || path.charAt(end) == '.' || path.charAt(end) == '[');
                if (matches && name.length() > bestLength) {
                    best = tuple;
                    bestLength = name.length();
                }
            }
        }
        return Optional.ofNullable(best);
    }

    private static Optional<Node> item(Node node, String index) {
        if (!(node instanceof SequenceNode sequence)) {
            return Optional.empty();
        }
        try {
            int i = Integer.parseInt(index);
            return i >= 0 && i < sequence.getValue().size() ? Optional.of(sequence.getValue().get(i)) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** 1-based, as editors count; 1 when the parser kept no position. */
    static int line(Node node) {
        return node.getStartMark().map(mark -> mark.getLine() + 1).orElse(1);
    }
}
