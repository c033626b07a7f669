package dev.tide.scaler.kafka;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What a {@code sasl: gssapi} cluster holds outside its Kafka client: a share of the JVM's Kerberos configuration
 * and, with a keytab, the keytab file. Opened when the cluster is created, closed (file deleted, share released)
 * with its last trigger.
 */
final class KerberosLogin implements AutoCloseable {

    private final Optional<KerberosFiles> files;
    private final Optional<Path> keytab;

    private KerberosLogin(Optional<KerberosFiles> files, Optional<Path> keytab) {
        this.files = files;
        this.keytab = keytab;
    }

    /**
     * @throws IllegalStateException when another gssapi cluster holds a different Kerberos configuration
     */
    static KerberosLogin open(KafkaSecurityParams security) {
        KerberosConfig.acquire(security.kerberosConfig().orElseThrow());
        if (security.keytab().isEmpty()) {
            return new KerberosLogin(Optional.empty(), Optional.empty());
        }
        try {
            KerberosFiles files = KerberosFiles.create();
            Path keytab = files.write("client.keytab", KerberosFiles.keytabBytes(security.keytab().get().reveal()));
            return new KerberosLogin(Optional.of(files), Optional.of(keytab));
        } catch (RuntimeException e) {
            KerberosConfig.release();
            throw e;
        }
    }

    Optional<Path> keytab() {
        return keytab;
    }

    @Override
    public void close() {
        files.ifPresent(KerberosFiles::close);
        KerberosConfig.release();
    }
}
