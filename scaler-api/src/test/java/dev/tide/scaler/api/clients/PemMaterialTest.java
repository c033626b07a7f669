package dev.tide.scaler.api.clients;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tide.scaler.api.Secret;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What {@link PemMaterial} says about PEM it cannot use: the parameter's name, never its text. Certificates that work are
 * minted by the plugins' tests (scaler-external, scaler-metrics-api), which have a certificate builder to mint them.
 */
class PemMaterialTest {

    /** One base64 character cannot end a block: the decoder refuses it. */
    private static final String NOT_BASE64 = "-----BEGIN PRIVATE KEY-----\nA\n-----END PRIVATE KEY-----\n";
    private static final String NOT_A_KEY = "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            no PEM block at all      | secret-key-text | key holds no PKCS#8 or PKCS#1 RSA private key
            a block of another type  | -----BEGIN CERTIFICATE-----\\nAAAA\\n-----END CERTIFICATE----- | key holds no PKCS#8 or PKCS#1 RSA private key
            """)
    void namesTheKeyParameterWhenItHoldsNoKey(String what, String pem, String message) {
        assertThatThrownBy(() -> PemMaterial.privateKey(Secret.of(pem.replace("\\n", "\n")), "key"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void aKeyBlockThatIsNotBase64OrNotAKeyIsRefusedByName() {
        assertThatThrownBy(() -> PemMaterial.privateKey(Secret.of(NOT_BASE64), "tlsClientKey"))
                .hasMessage("tlsClientKey is not valid PEM");
        assertThatThrownBy(() -> PemMaterial.privateKey(Secret.of(NOT_A_KEY), "tlsClientKey"))
                .hasMessage("tlsClientKey is not an RSA, EC or Ed25519 private key");
    }

    @Test
    void authoritiesThatHoldNoCertificateAreRefusedWithoutQuotingThem() {
        assertThatThrownBy(() -> PemMaterial.trustManagers(Secret.of("caaa"), "ca"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("ca ")
                .message().doesNotContain("caaa");
    }

    @Test
    void aClientCertificateThatIsNotPemIsRefusedByName() {
        assertThatThrownBy(() -> PemMaterial.keyManagers(Secret.of("ceert"), "cert", Secret.of(NOT_A_KEY), "key"))
                .isInstanceOf(IllegalArgumentException.class)
                .message().startsWith("cert ").doesNotContain("ceert");
    }
}
