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
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.test.JaasUtils;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
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
        cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1)
                .setBrokerSecurityProtocol(SecurityProtocol.SASL_PLAINTEXT).build())
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("sasl.enabled.mechanisms", "PLAIN,GSSAPI")
                .setConfigProp("sasl.kerberos.service.name", "kafka")
                .setConfigProp("listener.name.external.gssapi.sasl.jaas.config",
                        "com.sun.security.auth.module.Krb5LoginModule required useKeyTab=true storeKey=true"
                                + " useTicketCache=false keyTab=\"" + kdc.brokerKeytab() + "\" principal=\""
                                + KerberosKdc.BROKER_PRINCIPAL + "\";")
                .setConfigProp("super.users", "User:ANONYMOUS;User:" + JaasUtils.KAFKA_PLAIN_ADMIN + ";User:"
                        + KerberosKdc.KEYTAB_USER + ";User:" + KerberosKdc.PASSWORD_USER)
                .build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
        Properties admin = plainAdmin();
        try (Admin client = Admin.create(admin);
                KafkaProducer<String, String> producer = new KafkaProducer<>(admin, new StringSerializer(),
                        new StringSerializer())) {
            client.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get();
            for (int i = 0; i < 7; i++) {
                producer.send(new ProducerRecord<>(TOPIC, 0, null, "r" + i)).get();
            }
            client.alterConsumerGroupOffsets(GROUP, Map.of(new TopicPartition(TOPIC, 0), new OffsetAndMetadata(2)))
                    .all().get();
        }
    }

    private static Properties plainAdmin() {
        Properties admin = cluster.clientProperties();
        admin.put("security.protocol", "SASL_PLAINTEXT");
        admin.put("sasl.mechanism", "PLAIN");
        admin.put("sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
                + JaasUtils.KAFKA_PLAIN_ADMIN + "\" password=\"" + JaasUtils.KAFKA_PLAIN_ADMIN_PASSWORD + "\";");
        return admin;
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
            assertThat(lag(scaler)).isEqualTo(5);
        }
    }

    @Test
    void aPasswordLogsInWithoutAnyFile() {
        try (Scaler scaler = new KafkaScalerFactory().create(trigger(Map.of("username", KerberosKdc.PASSWORD_USER,
                "password", KerberosKdc.PASSWORD)))) {
            assertThat(lag(scaler)).isEqualTo(5);
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
            assertThat(lag(first)).isEqualTo(5);
        }
    }
}
