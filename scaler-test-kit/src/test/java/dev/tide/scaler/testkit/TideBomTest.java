package dev.tide.scaler.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;

/**
 * tide-bom has no parent (importing it must pin nothing but what a plugin needs), so it repeats the versions this
 * build takes from Spring Boot and tide-parent; this test keeps the copies equal to what Tide is built and tested with.
 */
class TideBomTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"tide.version", "tide.scaler-api.version", "slf4j.version", "junit-jupiter.version",
            "assertj.version", "byte-buddy.version"})
    void theBomManagesTheVersionsTideIsBuiltWith(String property) throws Exception {
        Path bom = Path.of(System.getProperty("tide.root", "..")).resolve("tide-bom/pom.xml");
        Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(bom.toFile());

        assertThat(pom.getElementsByTagName(property).item(0).getTextContent())
                .as("<%s> in %s", property, bom)
                .isEqualTo(System.getProperty("expected." + property));
    }
}
