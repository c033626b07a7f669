package dev.tide.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.diagnostics.FailureAnalysis;

class MissingTlsFilesFailureAnalyzerTest {

    @Test
    void namesTheMissingFilesAndWhereTheyBelong(@TempDir Path empty) {
        SpringApplication application = new SpringApplication(MetricsServiceApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        Throwable failure = catchThrowable(() -> application.run(
                "--tide.metrics.cert-dir=" + empty, "--spring.main.banner-mode=off", "--logging.level.root=off"));

        FailureAnalysis analysis = new MissingTlsFilesFailureAnalyzer().analyze(failure);

        assertThat(analysis).isNotNull();
        assertThat(analysis.getDescription()).contains(empty.resolve("tls.crt").toString());
        assertThat(analysis.getAction()).contains("tide.metrics.cert-dir", "requestheader-client-ca.crt");
    }
}
