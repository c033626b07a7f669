package dev.tide.metrics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A folder laid out as the kubelet lays out a mounted Secret, and updated the way it updates one (its AtomicWriter):
 * the files live in a timestamped folder, {@code ..data} links to it and each file name links to
 * {@code ..data/<name>}. An update writes a new folder and renames a new {@code ..data} link over the old one, so
 * the files a service watches never change themselves: only the link in between does.
 */
final class SecretVolume {

    private static final AtomicInteger VERSION = new AtomicInteger();

    private final Path dir;
    private final List<String> names;

    private SecretVolume(Path dir, List<String> names) {
        this.dir = dir;
        this.names = names;
    }

    /** A volume holding the given file names, written by {@code writer} into the folder it is given. */
    static SecretVolume create(Path dir, List<String> names, Consumer<Path> writer) {
        SecretVolume volume = new SecretVolume(dir, names);
        volume.update(writer);
        try {
            for (String name : names) {
                Files.createSymbolicLink(dir.resolve(name), Path.of("..data", name));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return volume;
    }

    /** Publishes a new version of every file, as the kubelet does when the Secret changes. */
    void update(Consumer<Path> writer) {
        try {
            Path version = Files.createDirectory(dir.resolve("..tide_" + VERSION.incrementAndGet()));
            writer.accept(version);
            for (String name : names) {
                if (!Files.exists(version.resolve(name))) {
                    throw new IllegalStateException("the writer did not write " + name);
                }
            }
            Path next = dir.resolve("..data_tmp");
            Files.createSymbolicLink(next, version.getFileName());
            Files.move(next, dir.resolve("..data"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
