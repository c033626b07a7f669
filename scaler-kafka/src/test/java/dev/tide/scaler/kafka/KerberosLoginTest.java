package dev.tide.scaler.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tide.scaler.api.TriggerConfig;
import dev.tide.scaler.api.params.ParameterBinder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The files a gssapi cluster writes: owner-only, the exact bytes, gone when the cluster closes. */
class KerberosLoginTest {

    private static KafkaSecurityParams gssapi(String keytab, String kerberosConfig) {
        return ParameterBinder.bind(TriggerConfig.builder("kafka").metadata(Map.of("bootstrapServers", "b:1",
                "consumerGroup", "g", "sasl", "gssapi")).authParams(Map.of("username", "u", "realm", "R",
                "keytab", keytab, "kerberosConfig", kerberosConfig)).build(), KafkaSecurityParams.class);
    }

    @Test
    void theKeytabIsWrittenOwnerOnlyAndDeletedOnClose() throws Exception {
        String previous = System.getProperty(KerberosConfig.PROPERTY);
        Path keytab;
        try (KerberosLogin login = KerberosLogin.open(gssapi("/path/to/keytab", "<config>"))) {
            keytab = login.keytab().orElseThrow();
            assertThat(Files.readString(keytab)).isEqualTo("/path/to/keytab");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keytab))).isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keytab.getParent())))
                    .isEqualTo("rwx------");
            Path krb5 = Path.of(System.getProperty(KerberosConfig.PROPERTY));
            assertThat(Files.readString(krb5)).isEqualTo("<config>");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(krb5))).isEqualTo("rw-------");
        }
        assertThat(keytab).doesNotExist();
        assertThat(keytab.getParent()).doesNotExist();
        assertThat(System.getProperty(KerberosConfig.PROPERTY)).isEqualTo(previous);
    }

    @Test
    void clustersWithTheSameKerberosConfigShareItAndADifferentOneIsRefused() {
        try (KerberosLogin first = KerberosLogin.open(gssapi("k1", "[realms] A"));
                KerberosLogin second = KerberosLogin.open(gssapi("k2", "[realms] A"))) {
            assertThat(first.keytab()).isNotEqualTo(second.keytab());
            assertThatThrownBy(() -> KerberosLogin.open(gssapi("k3", "[realms] B")))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("single Kerberos configuration (java.security.krb5.conf)");
        }
        KerberosLogin.open(gssapi("k3", "[realms] B")).close();
    }

    @Test
    void aBase64KeytabIsDecodedAndRawContentIsKeptAsItIs() {
        byte[] keytab = {0x05, 0x02, (byte) 0xff, 0x00, 0x7f};
        assertThat(KerberosFiles.keytabBytes(Base64.getEncoder().encodeToString(keytab))).isEqualTo(keytab);
        assertThat(KerberosFiles.keytabBytes("/path/to/keytab"))
                .isEqualTo("/path/to/keytab".getBytes(StandardCharsets.US_ASCII));
        String latin1 = new String(keytab, StandardCharsets.ISO_8859_1);
        assertThat(KerberosFiles.keytabBytes(latin1)).isEqualTo(keytab);
    }
}
