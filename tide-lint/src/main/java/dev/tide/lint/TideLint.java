package dev.tide.lint;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tide.admission.PluginParameters;
import dev.tide.keda.api.validation.KedaValidator;
import dev.tide.scaler.host.PluginLoadException;
import dev.tide.scaler.host.PluginLoader;
import dev.tide.scaler.host.ScalerRegistry;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * {@code tide lint}: Tide's admission validator, run offline on manifest files. The entry point of the runnable jar,
 * which {@code bin/tide lint} starts; {@link #run} is the whole command, for tests and embedding.
 */
public final class TideLint {

    private TideLint() {
    }

    public static void main(String[] args) {
        System.exit(run(List.of(args), System.out, System.err));
    }

    /** Runs the command with {@code args} (without the word {@code lint}) and returns its exit code ({@link ExitCode}). */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        try {
            LintOptions options = LintOptions.parse(args);
            if (options.help()) {
                out.print(LintOptions.USAGE);
                out.flush();
                return ExitCode.CLEAN;
            }
            List<Path> files = ManifestFiles.expand(options.paths());
            try (ScalerRegistry registry = registry(options.plugins())) {
                registry.problems().forEach(problem -> err.println("tide lint: warning: skipped scaler plugin "
                        + problem.location() + ": " + problem.message()));
                KedaValidator validator = new KedaValidator(new PluginParameters(registry::factory, registry::types));
                Linter linter = new Linter(validator, new KubernetesSerialization(), new ManifestReader(new ObjectMapper()));
                LintReport report = linter.lint(files);
                Outputs.write(report, options.output(), out);
                return report.exitCode(options.strict());
            }
        } catch (UsageException e) {
            err.println("tide lint: " + e.getMessage());
            err.println("Run 'tide lint --help' for usage.");
            return ExitCode.USAGE;
        } catch (UncheckedIOException | PluginLoadException e) {
            err.println("tide lint: " + e.getMessage());
            return ExitCode.USAGE;
        }
    }

    /**
     * The built-in scalers (on this jar's class path, found by {@link java.util.ServiceLoader}), and the plugins of
     * {@code --plugins}. Without it no plugins folder is read at all.
     */
    private static ScalerRegistry registry(Optional<Path> plugins) {
        if (plugins.isPresent()) {
            if (!Files.isDirectory(plugins.get())) {
                throw new UsageException("cannot read plugins folder " + plugins.get() + ": not a directory");
            }
            return PluginLoader.load(plugins.get());
        }
        return PluginLoader.loadBuiltIns();
    }
}
