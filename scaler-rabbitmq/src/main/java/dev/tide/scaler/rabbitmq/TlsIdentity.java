package dev.tide.scaler.rabbitmq;

import dev.tide.scaler.api.Secret;
import dev.tide.scaler.api.clients.PemMaterial;
import dev.tide.scaler.api.clients.UnsafeSsl;
import java.security.GeneralSecurityException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

/**
 * The TLS inputs of a connection, KEDA's {@code NewTLSConfigWithPassword}: with {@code tls: enable} a CA besides the
 * system's, a client certificate and key (the key possibly an encrypted PKCS#8 key with {@code keyPassword}), and
 * {@code unsafeSsl}; otherwise {@code unsafeSsl} alone. The PEM values are {@link Secret}s: this record never prints them.
 */
record TlsIdentity(boolean unsafeSsl, Optional<Secret> ca, Optional<Secret> cert, Optional<Secret> key,
        Optional<Secret> keyPassword) {

    private static final Pattern ENCRYPTED = Pattern.compile("-----BEGIN ENCRYPTED PRIVATE KEY-----([^-]+)-----END ENCRYPTED PRIVATE KEY-----");

    static TlsIdentity of(RabbitMqTrigger trigger) {
        RabbitMqAuth auth = trigger.auth();
        if (!auth.tlsEnabled()) {
            return new TlsIdentity(trigger.parameters().unsafeSsl(), Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty());
        }
        return new TlsIdentity(trigger.parameters().unsafeSsl(), auth.ca(), auth.cert(), auth.key(), auth.keyPassword());
    }

    boolean clientCertificate() {
        return cert.isPresent() && key.isPresent();
    }

    /**
     * The TLS context, or empty for the JDK's default.
     *
     * @throws IllegalArgumentException naming the parameter that cannot be used, never quoting it
     */
    Optional<SSLContext> sslContext() {
        if (!unsafeSsl && ca.isEmpty() && !clientCertificate()) {
            return Optional.empty();
        }
        TrustManager[] trust = unsafeSsl ? new TrustManager[] {UnsafeSsl.trustingTrustManager()}
                : ca.map(pem -> PemMaterial.trustManagers(pem, "ca")).orElse(null);
        KeyManager[] keys = clientCertificate()
                ? PemMaterial.keyManagers(cert.orElseThrow(), "cert", decrypted(key.orElseThrow()), "key") : null;
        return Optional.of(PemMaterial.sslContext(keys, trust));
    }

    /** An {@code ENCRYPTED PRIVATE KEY} decrypted with {@code keyPassword} (PKCS#8, as the JDK reads it); others as they are. */
    private Secret decrypted(Secret pem) {
        Matcher matcher = ENCRYPTED.matcher(pem.reveal());
        if (!matcher.find()) {
            return pem;
        }
        if (keyPassword.isEmpty()) {
            throw new IllegalArgumentException("key is encrypted and keyPassword is not set");
        }
        try {
            EncryptedPrivateKeyInfo info = new EncryptedPrivateKeyInfo(Base64.getMimeDecoder().decode(matcher.group(1).trim()));
            SecretKeyFactory factory = SecretKeyFactory.getInstance(info.getAlgName());
            Cipher cipher = Cipher.getInstance(info.getAlgName());
            cipher.init(Cipher.DECRYPT_MODE, factory.generateSecret(new PBEKeySpec(keyPassword.get().reveal().toCharArray())),
                    info.getAlgParameters());
            PKCS8EncodedKeySpec spec = info.getKeySpec(cipher);
            return Secret.of("-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(spec.getEncoded())
                    + "\n-----END PRIVATE KEY-----\n");
        } catch (GeneralSecurityException | java.io.IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("key cannot be decrypted with keyPassword (" + e.getClass().getSimpleName() + ")");
        }
    }
}
