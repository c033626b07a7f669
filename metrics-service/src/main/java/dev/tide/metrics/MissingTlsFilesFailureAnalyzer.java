package dev.tide.metrics;

import java.io.UncheckedIOException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a start that failed because an SSL bundle's PEM files are missing: the message Spring Boot
 * gives comes from deep inside its file watcher and does not say which files Tide expects where.
 */
final class MissingTlsFilesFailureAnalyzer extends AbstractFailureAnalyzer<UncheckedIOException> {

    private static final String WATCH_FAILURE = "Failed to register paths for watching";

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, UncheckedIOException cause) {
        if (cause.getMessage() == null || !cause.getMessage().startsWith(WATCH_FAILURE)) {
            return null;
        }
        String paths = cause.getMessage().substring(WATCH_FAILURE.length()).replaceFirst("^[: ]+", "");
        return new FailureAnalysis(
                "The metrics service cannot read its TLS files " + paths + ": "
                        + (cause.getCause() == null ? cause.getMessage() : cause.getCause().getMessage()),
                "Mount them in the folder tide.metrics.cert-dir names (default /certs): tls.crt and tls.key "
                        + "(the serving certificate), requestheader-client-ca.crt (the aggregator's request-header "
                        + "CA), controller-client.crt, controller-client.key and controller-ca.crt (mutual TLS to "
                        + "the controller). Or point the spring.ssl.bundle.pem.server and .controller properties "
                        + "at other files.",
                cause);
    }
}
