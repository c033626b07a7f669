package dev.tide.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.javaoperatorsdk.operator.MissingCRDException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.io.support.SpringFactoriesLoader;

/** Startup failures a user can fix are explained by the analyzers Spring Boot finds in spring.factories. */
class FailureAnalyzersTest {

    @Test
    void missingCrdIsExplainedWithTheInstallCommand() {
        // Boot's own analyzers need a bean factory; only Tide's are instantiated here.
        List<FailureAnalyzer> analyzers = SpringFactoriesLoader.forDefaultResourceLocation()
                .load(FailureAnalyzer.class, null, SpringFactoriesLoader.FailureHandler.handleMessage((message, e) -> { }))
                .stream().filter(a -> a.getClass().getPackageName().startsWith("dev.tide.controller")).toList();
        assertThat(analyzers).hasSize(2);
        var failure = new IllegalStateException("startup", new MissingCRDException("scaledobjects.keda.sh", "v1"));

        var analysis = analyzers.stream().map(a -> a.analyze(failure)).filter(a -> a != null).findFirst();

        assertThat(analysis).hasValueSatisfying(a -> {
            assertThat(a.getDescription()).contains("scaledobjects.keda.sh");
            assertThat(a.getAction()).contains("kubectl apply -f helm/tide/files/crds/");
        });
    }
}
