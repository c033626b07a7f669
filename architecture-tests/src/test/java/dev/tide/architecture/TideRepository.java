package dev.tide.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The repository this module sits in, and the compiled production classes of the modules the rules govern, read
 * from their {@code target/classes} folders (the two services are repackaged Spring Boot jars, so never from jars).
 */
final class TideRepository {

    /**
     * The modules whose classes the ArchUnit rules read, relative to the repository root. The Maven reactor builds
     * them before this module (see its pom.xml).
     */
    static final List<String> MODULES = List.of("scaler-api", "scaler-http-support", "scaler-host", "replica-math", "formula", "keda-api", "admission",
            "tide-lint", "scaler-kafka", "scaler-azure-queue", "scaler-external", "scaler-cpu-memory", "scaler-cron",
            "scaler-prometheus", "scaler-metrics-api", "scaler-aws-sqs", "scaler-rabbitmq", "scaler-sql",
            "scaler-redis", "controller-service",
            "metrics-service", "sandbox");

    private TideRepository() {
    }

    /** The parent of this module's folder (Surefire runs in the module's folder). */
    static Path root() {
        Path module = Path.of("").toAbsolutePath();
        Path root = module.getParent();
        if (root == null || !Files.isRegularFile(root.resolve("pom.xml"))
                || !Files.isDirectory(root.resolve("architecture-tests"))) {
            throw new IllegalStateException("The architecture tests must run in the architecture-tests folder of the "
                    + "Tide repository (they read ../<module>/target/classes), but run in " + module);
        }
        return root;
    }

    /** The production classes of {@link #MODULES}. */
    static JavaClasses productionClasses() {
        return productionClasses(root(), MODULES);
    }

    /** The modules' production classes; fails naming the module whose class folder is missing or empty. */
    static JavaClasses productionClasses(Path root, List<String> modules) {
        List<Path> folders = new ArrayList<>();
        for (String module : modules) {
            Path classes = root.resolve(module).resolve("target/classes");
            if (!containsClassFiles(classes)) {
                throw new IllegalStateException("No compiled classes in " + classes + ": the architecture rules "
                        + "read module " + module + " from there. Build it first: ./mvnw -B install -DskipTests "
                        + "(or run ./mvnw -B verify from the repository root, which builds it before this module)");
            }
            folders.add(classes);
        }
        return new ClassFileImporter().importPaths(folders);
    }

    private static boolean containsClassFiles(Path folder) {
        if (!Files.isDirectory(folder)) {
            return false;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            return files.anyMatch(file -> file.toString().endsWith(".class"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
