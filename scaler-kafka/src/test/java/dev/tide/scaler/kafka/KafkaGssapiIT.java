package dev.tide.scaler.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tide.scaler.api.Scaler;
import dev.tide.scaler.api.ScalerConfigException;
import dev.tide.scaler.api.ScalerException;
import dev.tide.scaler.api.TriggerConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code sasl: gssapi} end to end: an in-JVM KDC ({@link KerberosKdc}) and a broker whose SASL_PLAINTEXT listener
 * takes GSSAPI as {@code kafka/localhost@TIDE.TEST}. Tide logs in with a keytab and with a password, reads the
 * lag (the broker's end offset minus the group's commit), and a wrong password is a clear error without it.
 */
class KafkaGssapiIT {

    private static final String TOPIC = "kerberized";
    private static final String GROUP = "kerberized-g";

    private static KerberosKdc kdc;
    private static KafkaClusterTestKit cluster;

    @BeforeAll
    static void startKdcAndBroker() throws Exception {
        kdc = KerberosKdc.get();
        // The broker lives in this JVM and reads the JVM's krb5.conf at its own login.
        Path krb5 = Files.writeString(Path.of("target", "kerberos-kdc", "broker-krb5.conf").toAbsolutePath(),
                kdc.krb5Conf(), StandardCharsets.UTF_8);
        System.setProperty(KerberosConfig.PROPERTY, krb5.toString());
        cluster = SaslBroker.start("GSSAPI", Map.of("sasl.kerberos.service.name", "kafka",
                "listener.name.external.gssapi.sasl.jaas.config",
                "com.sun.security.auth.module.Krb5LoginModule required useKeyTab=true storeKey=true"
                        + " useTicketCache=false keyTab=\"" + kdc.brokerKeytab() + "\" principal=\""
                        + KerberosKdc.BROKER_PRINCIPAL + "\";"), KerberosKdc.KEYTAB_USER, KerberosKdc.PASSWORD_USER);
        SaslBroker.seed(cluster, TOPIC, GROUP);
    }

    @AfterAll
    static void stopBroker() throws Exception {
        cluster.close();
    }

    private static TriggerConfig trigger(Map<String, String> credentials) {
        Map<String, String> auth = new HashMap<>(credentials);
        auth.put("realm", KerberosKdc.REALM);
        auth.put("kerberosConfig", kdc.krb5Conf());
        return TriggerConfig.builder("kafka").metadata(Map.of("bootstrapServers", cluster.bootstrapServers(),
                "consumerGroup", GROUP, "topic", TOPIC, "sasl", "gssapi")).authParams(auth)
                .timeout(Duration.ofSeconds(10)).build();
    }

    private static double lag(Scaler scaler) {
        return scaler.sample(scaler.metricSpecs().get(0).metricName()).values().get(0).value().toDouble();
    }

    @Test
    void aKeytabLogsInAndTheLagIsTheBrokersOwn() {
        try (Scaler scaler = new KafkaScalerFactory().create(trigger(Map.of("username", KerberosKdc.KEYTAB_USER,
                "keytab", kdc.userKeytabBase64())))) {
            assertThat(lag(scaler)).isEqualTo(SaslBroker.RECORDS - SaslBroker.COMMITTED);
        }
    }

    @Test
    void aPasswordLogsInWithoutAnyFile() {
        try (Scaler scaler = new KafkaScalerFactory().create(trigger(Map.of("username", KerberosKdc.PASSWORD_USER,
                "password", KerberosKdc.PASSWORD)))) {
            assertThat(lag(scaler)).isEqualTo(SaslBroker.RECORDS - SaslBroker.COMMITTED);
        }
    }

    @Test
    void aWrongPasswordIsReportedWithoutThePassword() {
        String wrong = "canary-wrong-kerberos-pw-5d1e";
        try (Scaler scaler = new KafkaScalerFactory().create(trigger(Map.of("username", KerberosKdc.PASSWORD_USER,
                "password", wrong)))) {
            assertThatThrownBy(() -> lag(scaler))
                    .isInstanceOf(ScalerException.class)
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain(wrong, KerberosKdc.PASSWORD)
                            .contains("the Kerberos (gssapi) login failed: ", "PREAUTH_FAILED"));
        }
    }

    @Test
    void aSecondKerberosConfigurationIsRefusedWhileTheFirstIsInUse() {
        KafkaScalerFactory factory = new KafkaScalerFactory();
        try (Scaler first = factory.create(trigger(Map.of("username", KerberosKdc.KEYTAB_USER,
                "keytab", kdc.userKeytabBase64())))) {
            Map<String, String> other = new HashMap<>(trigger(Map.of()).authParams());
            other.putAll(Map.of("username", KerberosKdc.PASSWORD_USER, "password", KerberosKdc.PASSWORD,
                    "kerberosConfig", "[libdefaults]\n  default_realm = OTHER.TEST\n"));
            TriggerConfig second = TriggerConfig.builder("kafka").metadata(trigger(Map.of()).metadata())
                    .authParams(other).build();
            assertThatThrownBy(() -> factory.create(second))
                    .isInstanceOf(ScalerConfigException.class)
                    .hasMessageContaining("kerberosConfig differs from the one another gssapi trigger");
            assertThat(lag(first)).isEqualTo(SaslBroker.RECORDS - SaslBroker.COMMITTED);
        }
    }
}
