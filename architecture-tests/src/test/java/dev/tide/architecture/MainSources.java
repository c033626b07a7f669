package dev.tide.architecture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The main Java sources of a repository: every {@code src/main/java/**}{@code /*.java} of every module. */
final class MainSources {

    /** Folders never walked into: build output, installed tools, Git's own. */
    private static final Set<String> SKIPPED_FOLDERS = Set.of("target", "node_modules", ".tools", ".git");

    private MainSources() {
    }

    /**
     * The main Java files under {@code root}, relative to it and sorted; top-level module folders named in
     * {@code skippedModules} are left out.
     */
    static List<Path> under(Path root, Set<String> skippedModules) {
        List<Path> files = new ArrayList<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                    Path relative = root.relativize(dir);
                    String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
                    boolean skippedModule = relative.getNameCount() == 1 && skippedModules.contains(name);
                    return !dir.equals(root) && (SKIPPED_FOLDERS.contains(name) || skippedModule)
                            ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    Path relative = root.relativize(file);
                    if (relative.toString().endsWith(".java") && isUnderSrcMainJava(relative)) {
                        files.add(relative);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        files.sort(null);
        return files;
    }

    private static boolean isUnderSrcMainJava(Path relative) {
        for (int i = 0; i + 2 < relative.getNameCount(); i++) {
            if (relative.getName(i).toString().equals("src") && relative.getName(i + 1).toString().equals("main")
                    && relative.getName(i + 2).toString().equals("java")) {
                return true;
            }
        }
        return false;
    }
}
