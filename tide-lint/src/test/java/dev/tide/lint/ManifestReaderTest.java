package dev.tide.lint;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Manifest files into objects: documents, lists, lines, and YAML that does not parse. */
class ManifestReaderTest {

    private static final Path FILE = Path.of("app.yaml");

    private static ManifestReader.Contents read(String yaml) {
        return new ManifestReader(new ObjectMapper()).read(FILE, yaml.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void everyDocumentOfAMultiDocumentFileIsAnObjectStartingOnItsOwnLine() {
        ManifestReader.Contents contents = read("""
                # comment
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: a}
                ---
                ---
                # an empty document, then a scalar one
                --- just text
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: b
                  namespace: shop
                """);

        assertThat(contents.problems()).isEmpty();
        assertThat(contents.documents()).extracting(ManifestDocument::kind, ManifestDocument::line, ManifestDocument::namespace)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("ConfigMap", 2, "default"),
                        org.assertj.core.groups.Tuple.tuple("Deployment", 10, "shop"));
        assertThat(contents.documents().get(1).group()).isEqualTo("apps");
        assertThat(contents.documents().get(1).version()).isEqualTo("v1");
    }

    @Test
    void theItemsOfAListAreObjectsWithTheirOwnLines() {
        ManifestReader.Contents contents = read("""
                apiVersion: v1
                kind: List
                items:
                  - apiVersion: v1
                    kind: ConfigMap
                    metadata: {name: a}
                  - apiVersion: v1
                    kind: Secret
                    metadata:
                      name: b
                """);

        assertThat(contents.documents()).extracting(ManifestDocument::kind, ManifestDocument::line, ManifestDocument::name)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("ConfigMap", 4, "a"),
                        org.assertj.core.groups.Tuple.tuple("Secret", 7, "b"));
        assertThat(contents.documents().get(1).line("metadata.name")).isEqualTo(10);
    }

    @Test
    void scalarsAreTypedByTheCoreSchemaSoAQuotedNumberStaysAString() {
        ManifestReader.Contents contents = read("""
                a: 5
                b: "5"
                c: true
                d: yes
                e: ~
                f: 0x10
                """);

        var content = contents.documents().isEmpty() ? null : contents.documents().get(0).content();
        assertThat(content).isNotNull();
        assertThat(content.get("a").isInt()).isTrue();
        assertThat(content.get("b").isTextual()).isTrue();
        assertThat(content.get("c").isBoolean()).isTrue();
        assertThat(content.get("d").asText()).isEqualTo("yes");
        assertThat(content.get("e").isNull()).isTrue();
        assertThat(content.get("f").asInt()).isEqualTo(16);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            an unclosed flow mapping  | 'a: 1\\nb: {c: 2\\nd: 3\\n'                | 3 | not valid YAML: while parsing a flow mapping: expected ',' or '}'
            a tab for indentation     | 'a:\\n\\tb: 1\\n'                          | 2 | not valid YAML: while scanning for the next token: found character
            a duplicate key           | 'a: 1\\nb: 2\\na: 3\\n'                    | 3 | not valid YAML: while constructing a mapping: found duplicate key a
            an undefined alias        | 'a: *nothing\\n'                          | 1 | not valid YAML: found undefined alias nothing
            """)
    void yamlThatDoesNotParseIsAnErrorAtItsLine(String name, String yaml, int line, String message) {
        ManifestReader.Contents contents = read(yaml.replace("\\n", "\n").replace("\\t", "\t"));

        assertThat(contents.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.line()).isEqualTo(line);
            assertThat(problem.severity()).isEqualTo(Severity.ERROR);
            assertThat(problem.finding().describe()).startsWith(message);
            assertThat(problem.finding().reason()).isEqualTo(ManifestReader.INVALID_YAML);
        });
    }

    @Test
    void bytesThatAreNotUtf8AreAnErrorAtTheirLine() {
        byte[] bytes = "a: 1\nb: \u00e9\nc: 3\n".getBytes(StandardCharsets.ISO_8859_1);

        ManifestReader.Contents contents = new ManifestReader(new ObjectMapper()).read(FILE, bytes);

        assertThat(contents.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.line()).isEqualTo(2);
            assertThat(problem.finding().describe()).isEqualTo("not valid YAML: not UTF-8 text (a binary file?)");
        });
    }

    @Test
    void aControlCharacterIsAnErrorAtItsLineAndAByteOrderMarkIsNot() {
        assertThat(read("\uFEFFa: 1\n").problems()).isEmpty();
        assertThat(read("a: 1\n\u0001b: 2\n").problems()).singleElement().satisfies(problem -> {
            assertThat(problem.line()).isEqualTo(2);
            assertThat(problem.finding().describe()).isEqualTo("not valid YAML: character U+0001 is not allowed");
        });
    }

    @Test
    void theDocumentsBeforeABrokenOneAreKeptAndADuplicateKeyLeavesTheNextOnesReadable() {
        ManifestReader.Contents contents = read("""
                kind: A
                ---
                kind: B
                kind: B
                ---
                kind: C
                ---
                kind: [D
                ---
                kind: E
                """);

        assertThat(contents.documents()).extracting(ManifestDocument::kind).containsExactly("A", "C");
        assertThat(contents.problems()).extracting(LintFinding::line).containsExactly(4, 9);
    }
}
