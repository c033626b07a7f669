package dev.tide.controller.observability;

import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.Locale;

/**
 * KEDA's {@code keda_build_info} with KEDA's labels. The {@code go*} labels describe the runtime, as KEDA's do:
 * here the JVM's version and its OS and architecture spelled as Go spells them. Without a packaged version (a
 * build from source) version and git_commit take KEDA's source defaults, {@code main} and {@code HEAD}.
 */
final class BuildInfo {

    private BuildInfo() {
    }

    static void register(PrometheusRegistry registry, String version, String gitCommit) {
        Info.builder().name("keda_build_info")
                .help("Info metric, with static information about the build: version, git commit and runtime info.")
                .labelNames("version", "git_commit", "goversion", "goos", "goarch")
                .register(registry)
                .setLabelValues(version == null ? "main" : version, gitCommit == null ? "HEAD" : gitCommit,
                        "java" + Runtime.version(), System.getProperty("os.name").toLowerCase(Locale.ROOT),
                        goArch(System.getProperty("os.arch")));
    }

    /** Go's GOARCH for the JVM's {@code os.arch}. */
    static String goArch(String osArch) {
        return switch (osArch) {
            case "x86_64", "amd64" -> "amd64";
            case "aarch64", "arm64" -> "arm64";
            case "x86", "i386", "i686" -> "386";
            default -> osArch;
        };
    }
}
