package dev.tide.architecture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The file length scan on a made-up repository. */
class SourceFileLengthTest {

    @TempDir
    Path root;

    @Test
    void reportsMainSourceFilesOverTheLimitInEveryModule() throws IOException {
        write("scaler-kafka/src/main/java/dev/tide/scaler/kafka/Long.java", 401);
        write("keda-api/src/main/java/dev/tide/keda/api/Long.java", 500);
        write("scaler-kafka/src/main/java/dev/tide/scaler/kafka/Limit.java", 400);
        write("scaler-kafka/src/test/java/dev/tide/scaler/kafka/LongTest.java", 900);
        write("scaler-kafka/target/generated-sources/src/main/java/Generated.java", 900);

        assertThat(SourceFileLength.longerThan(root, 400)).extracting(Object::toString).containsExactly(
                "keda-api/src/main/java/dev/tide/keda/api/Long.java: 500 lines, more than 400",
                "scaler-kafka/src/main/java/dev/tide/scaler/kafka/Long.java: 401 lines, more than 400");
    }

    private void write(String relative, int lines) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "//\n".repeat(lines));
    }
}
