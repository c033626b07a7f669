package dev.tide.scaler.kafka;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.apache.kerby.kerberos.kerb.KrbException;
import org.apache.kerby.kerberos.kerb.server.SimpleKdcServer;

/**
 * An in-JVM Kerberos KDC (Apache Kerby) on a free TCP port of 127.0.0.1, data under {@code target/}, started once
 * per JVM and stopped by a shutdown hook. It holds the broker's service principal ({@code kafka/localhost}), a
 * keytab user and a password user, and writes the krb5.conf a trigger passes as {@code kerberosConfig}.
 */
final class KerberosKdc {

    static final String REALM = "TIDE.TEST";
    static final String BROKER_PRINCIPAL = "kafka/localhost@" + REALM;
    static final String KEYTAB_USER = "tide-keytab";
    static final String PASSWORD_USER = "tide-password";
    static final String PASSWORD = "canary-kerberos-pw-91c2";

    private static KerberosKdc instance;

    private final SimpleKdcServer server;
    private final Path brokerKeytab;
    private final byte[] userKeytab;
    private final String krb5Conf;

    private KerberosKdc(SimpleKdcServer server, Path brokerKeytab, byte[] userKeytab, String krb5Conf) {
        this.server = server;
        this.brokerKeytab = brokerKeytab;
        this.userKeytab = userKeytab;
        this.krb5Conf = krb5Conf;
    }

    static synchronized KerberosKdc get() throws Exception {
        if (instance == null) {
            instance = start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    instance.server.stop();
                } catch (KrbException e) {
                    // The JVM is going away anyway.
                }
            }));
        }
        return instance;
    }

    private static KerberosKdc start() throws Exception {
        Path work = Files.createDirectories(Path.of("target", "kerberos-kdc")).toAbsolutePath();
        int port = freePort();
        SimpleKdcServer kdc = new SimpleKdcServer();
        kdc.setWorkDir(work.toFile());
        kdc.setKdcRealm(REALM);
        kdc.setKdcHost("127.0.0.1");
        kdc.setAllowUdp(false);
        kdc.setAllowTcp(true);
        kdc.setKdcTcpPort(port);
        kdc.init();
        kdc.start();
        File brokerKeytab = work.resolve("broker.keytab").toFile();
        File userKeytab = work.resolve("user.keytab").toFile();
        Files.deleteIfExists(brokerKeytab.toPath());
        Files.deleteIfExists(userKeytab.toPath());
        kdc.createAndExportPrincipals(brokerKeytab, BROKER_PRINCIPAL);
        kdc.createAndExportPrincipals(userKeytab, KEYTAB_USER + "@" + REALM);
        kdc.createPrincipal(PASSWORD_USER + "@" + REALM, PASSWORD);
        String krb5Conf = """
                [libdefaults]
                  default_realm = %s
                  udp_preference_limit = 1
                  dns_lookup_kdc = false
                  dns_lookup_realm = false
                [realms]
                  %s = {
                    kdc = 127.0.0.1:%d
                  }
                """.formatted(REALM, REALM, port);
        return new KerberosKdc(kdc, brokerKeytab.toPath(), Files.readAllBytes(userKeytab.toPath()), krb5Conf);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    Path brokerKeytab() {
        return brokerKeytab;
    }

    /** The keytab as a TriggerAuthentication carries it: base64 of the file. */
    String userKeytabBase64() {
        return Base64.getEncoder().encodeToString(userKeytab);
    }

    String krb5Conf() {
        return krb5Conf;
    }
}
