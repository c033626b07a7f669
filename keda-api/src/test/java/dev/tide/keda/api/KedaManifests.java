package dev.tide.keda.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The KEDA-shaped manifests in examples/keda-manifests/ and examples/hello-keda/, one YAML document at a time. */
public final class KedaManifests {

    public static final Path FOLDER = Path.of("..", "examples", "keda-manifests");
    public static final Path HELLO_KEDA = Path.of("..", "examples", "hello-keda");
    private static final YAMLMapper YAML = new YAMLMapper();

    /** One document of one file; {@code toString} names it for parameterised test names. */
    public record Document(String file, JsonNode node) {
        public String label() {
            return toString();
        }

        public String kind() {
            return node.path("kind").asText();
        }

        public String name() {
            return node.path("metadata").path("name").asText();
        }

        @Override
        public String toString() {
            return file + " " + kind() + "/" + name();
        }
    }

    private KedaManifests() {
    }

    public static List<Document> all() {
        List<Document> documents = new ArrayList<>();
        for (Path folder : List.of(FOLDER, HELLO_KEDA)) {
            documents.addAll(folder(folder));
        }
        return documents;
    }

    /** Every document of every {@code .yaml} file of one folder, files in name order. */
    public static List<Document> folder(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            List<Document> documents = new ArrayList<>();
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                documents.addAll(read(file));
            }
            return documents;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<Document> read(Path file) {
        try (var parser = YAML.createParser(file.toFile())) {
            List<Document> documents = new ArrayList<>();
            YAML.readValues(parser, JsonNode.class).forEachRemaining(node -> {
                if (node != null && !node.isEmpty()) {
                    documents.add(new Document(file.getFileName().toString(), node));
                }
            });
            return documents;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<Document> kedaDocuments() {
        return all().stream().filter(d -> d.node().path("apiVersion").asText().startsWith("keda.sh/")).toList();
    }
}
