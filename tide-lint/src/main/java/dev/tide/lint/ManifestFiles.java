package dev.tide.lint;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The files a lint run reads: each file given, and every {@code *.yaml} / {@code *.yml} under each directory given. */
final class ManifestFiles {

    /** The path that stands for standard input. */
    static final Path STDIN = Path.of("-");

    private ManifestFiles() {
    }

    /**
     * The files in command-line order, each directory's in path order, each file once. A file named explicitly is read
     * whatever its extension, as {@code kubectl apply -f} does.
     *
     * @throws UsageException when a path does not exist or cannot be read
     */
    static List<Path> expand(List<Path> paths) {
        Set<Path> files = new LinkedHashSet<>();
        for (Path path : paths) {
            if (path.equals(STDIN)) {
                files.add(STDIN);
            } else if (Files.isDirectory(path)) {
                files.addAll(yamlFilesUnder(path));
            } else if (!Files.exists(path)) {
                throw new UsageException("cannot read " + path + ": no such file or directory");
            } else if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
                throw new UsageException("cannot read " + path + ": not a readable file");
            } else {
                files.add(path);
            }
        }
        return List.copyOf(files);
    }

    private static List<Path> yamlFilesUnder(Path directory) {
        List<Path> files = new ArrayList<>();
        try {
            Files.walkFileTree(directory, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                    boolean hidden = !dir.equals(directory) && dir.getFileName().toString().startsWith(".");
                    return hidden ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
                    if ((name.endsWith(".yaml") || name.endsWith(".yml")) && Files.isRegularFile(file)) {
                        files.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                    throw e;
                }
            });
        } catch (AccessDeniedException e) {
            throw new UsageException("cannot read " + e.getFile() + ": permission denied");
        } catch (NoSuchFileException e) {
            throw new UsageException("cannot read " + e.getFile() + ": no such file or directory");
        } catch (IOException e) {
            throw new UsageException("cannot read " + directory + ": " + e.getMessage());
        }
        files.sort(null);
        return files;
    }
}
