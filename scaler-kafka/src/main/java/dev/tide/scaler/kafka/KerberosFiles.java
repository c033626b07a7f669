package dev.tide.scaler.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A directory of Tide's own under the JVM's temp dir, readable by Tide's user only, holding files the JDK's Kerberos
 * reads only from disk (a keytab, a krb5.conf); {@link #close} deletes it. A password never touches the disk: it
 * reaches the login module through {@link KerberosPasswordCallbackHandler}.
 */
final class KerberosFiles implements AutoCloseable {

    private static final byte KEYTAB_FORMAT = 0x05;

    private final Path directory;

    private KerberosFiles(Path directory) {
        this.directory = directory;
    }

    static KerberosFiles create() {
        try {
            return new KerberosFiles(Files.createTempDirectory("tide-kerberos-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))));
        } catch (IOException e) {
            throw failure(e);
        }
    }

    /** Writes a file readable and writable by its owner only. */
    Path write(String name, byte[] content) {
        Path file = directory.resolve(name);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.write(file, content);
            return file;
        } catch (IOException e) {
            throw failure(e);
        }
    }

    private static UncheckedIOException failure(IOException e) {
        return new UncheckedIOException("could not write Kerberos files under " + System.getProperty("java.io.tmpdir")
                + " (" + e.getClass().getSimpleName() + "; in a container the temp dir must be writable)", e);
    }

    /**
     * KEDA writes the value's bytes as they are. A Secret's binary value reaches a scaler as text, so a keytab may
     * also be given base64-encoded: a value that decodes to a keytab (format byte 0x05) is used decoded.
     */
    static byte[] keytabBytes(String value) {
        try {
            // Strict: a raw binary keytab has bytes outside the alphabet (a MIME decoder would skip them).
            byte[] decoded = Base64.getDecoder().decode(value.replaceAll("\\s", ""));
            if (decoded.length > 1 && decoded[0] == KEYTAB_FORMAT) {
                return decoded;
            }
        } catch (IllegalArgumentException notBase64) {
            // The raw content, as KEDA takes it.
        }
        return value.getBytes(StandardCharsets.ISO_8859_1.newEncoder().canEncode(value)
                ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
    }

    Path directory() {
        return directory;
    }

    @Override
    public void close() {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // Already gone, or unreadable: nothing more can be done here.
        }
    }
}
