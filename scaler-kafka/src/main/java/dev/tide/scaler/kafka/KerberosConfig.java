package dev.tide.scaler.kafka;

import java.nio.charset.StandardCharsets;

/**
 * The JVM's one Kerberos configuration. The JDK reads krb5.conf from the JVM-wide system property
 * {@code java.security.krb5.conf}, so gssapi clusters can only run side by side when their {@code kerberosConfig} is
 * the same text. The first gssapi cluster writes it to a file of Tide's and points the property at it; later ones
 * with the same text share it; one with a different text is refused with a message that says why. When the last
 * user is gone the file is deleted and the property gets back the value it had before. (The login modules are told
 * {@code refreshKrb5Config=true}, so a new text is read at the next login.)
 */
final class KerberosConfig {

    static final String PROPERTY = "java.security.krb5.conf";

    private static String content;
    private static KerberosFiles files;
    private static int users;
    private static String previous;

    private KerberosConfig() {
    }

    /** Takes the JVM's Kerberos configuration for this text, or fails if another text holds it. */
    static synchronized void acquire(String text) {
        if (users > 0 && !content.equals(text)) {
            throw new IllegalStateException("kerberosConfig differs from the one another gssapi trigger in this Tide"
                    + " uses: the JVM has a single Kerberos configuration (" + PROPERTY + "), so all gssapi triggers"
                    + " must give the same kerberosConfig (one krb5.conf listing every realm)");
        }
        if (users == 0) {
            KerberosFiles written = KerberosFiles.create();
            String path = written.write("krb5.conf", text.getBytes(StandardCharsets.UTF_8)).toString();
            files = written;
            content = text;
            previous = System.getProperty(PROPERTY);
            System.setProperty(PROPERTY, path);
        }
        users++;
    }

    static synchronized void release() {
        if (--users == 0) {
            if (previous == null) {
                System.clearProperty(PROPERTY);
            } else {
                System.setProperty(PROPERTY, previous);
            }
            files.close();
            files = null;
            content = null;
        }
    }
}
