package dev.tide.scaler.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tide.scaler.api.ScalerConfigException;
import dev.tide.scaler.api.TriggerConfig;
import dev.tide.scaler.api.params.ParameterBinder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** KEDA's {@code TestGetBrokers} and {@code parseKafkaMetadataTestDataset} (kafka_scaler_test.go), row by row. */
class KafkaTriggerParamsTest {

    private static final Map<String, String> SASL_AUTH = Map.of("sasl", "plaintext", "username", "admin",
            "password", "admin");

    /**
     * A KEDA metadata row. A valid row expects KEDA's defaults for every field not named in {@code expected}
     * (keys: policy, idle, persistent, limit, even, full, lag).
     */
    record Row(int number, String name, Map<String, String> metadata, boolean error, List<String> brokers,
            String group, String topic, List<Integer> partitionLimitation, Map<String, Object> expected) {

        Row expect(String key, Object value) {
            Map<String, Object> more = new HashMap<>(expected);
            more.put(key, value);
            return new Row(number, name, metadata, error, brokers, group, topic, partitionLimitation, more);
        }

        Object expected(String key, Object kedaDefault) {
            return expected.getOrDefault(key, kedaDefault);
        }
    }

    private static final List<String> FOOBAR = List.of("foobar:9092");

    private static Map<String, String> meta(String... pairs) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    /** bootstrapServers=foobar:9092, consumerGroup=my-group, topic=my-topic plus the given pairs. */
    private static Map<String, String> withTopic(String... pairs) {
        Map<String, String> map = meta("bootstrapServers", "foobar:9092", "consumerGroup", "my-group",
                "topic", "my-topic");
        map.putAll(meta(pairs));
        return map;
    }

    private static Row ok(int number, String name, Map<String, String> metadata, String topic,
            List<Integer> limitation) {
        return new Row(number, name, metadata, false, FOOBAR, "my-group", topic, limitation, Map.of());
    }

    private static Row okTopic(int number, String name, String... pairs) {
        return ok(number, name, withTopic(pairs), "my-topic", List.of());
    }

    private static Row error(int number, String name, Map<String, String> metadata, List<String> brokers) {
        return new Row(number, name, metadata, true, brokers, null, null, null, Map.of());
    }

    private static Row errorTopic(int number, String name, String... pairs) {
        return error(number, name, withTopic(pairs), FOOBAR);
    }

    static Stream<Row> rows() {
        return Stream.of(
                error(1, "nothing passed", meta(), List.of()),
                error(2, "bootstrap servers only, no consumer group",
                        meta("bootstrapServers", "foobar:9092"), FOOBAR),
                ok(3, "bootstrap servers and consumer group, no topic",
                        meta("bootstrapServers", "foobar:9092", "consumerGroup", "my-group"), "", List.of()),
                ok(4, "partition limitation without topic is dropped",
                        meta("bootstrapServers", "foobar:9092", "consumerGroup", "my-group",
                                "partitionLimitation", "1,2,3,4,5,6"), "", List.of()),
                okTopic(5, "blank partition limitation", "partitionLimitation", "   "),
                okTopic(6, "empty partition limitation", "partitionLimitation", ""),
                errorTopic(7, "invalid version", "version", "1.2.3.4"),
                errorTopic(8, "negative lag threshold", "lagThreshold", "-1"),
                errorTopic(9, "zero lag threshold", "lagThreshold", "0"),
                okTopic(10, "large lag threshold", "lagThreshold", "1000000", "activationLagThreshold", "0")
                        .expect("lag", 1000000L),
                errorTopic(11, "non-numeric activation lag threshold", "activationLagThreshold", "AA"),
                okTopic(12, "lag threshold and activation", "lagThreshold", "10", "activationLagThreshold", "0")
                        .expect("lag", 10L),
                okTopic(13, "consumer group and topic"),
                ok(14, "partition limitation list", withTopic("partitionLimitation", "1,2,3,4"), "my-topic",
                        List.of(1, 2, 3, 4)),
                ok(15, "partition limitation range", withTopic("partitionLimitation", "1-4"), "my-topic",
                        List.of(1, 2, 3, 4)),
                ok(16, "partition limitation ranges and values", withTopic("partitionLimitation", "1-4,8,10-12"),
                        "my-topic", List.of(1, 2, 3, 4, 8, 10, 11, 12)),
                errorTopic(17, "non-numeric partition limitation", "partitionLimitation", "a,b,c,d"),
                new Row(18, "two bootstrap servers", withTopic("bootstrapServers", "foo:9092,bar:9092"), false,
                        List.of("foo:9092", "bar:9092"), "my-group", "my-topic", List.of(), Map.of()),
                okTopic(19, "offsetResetPolicy latest", "offsetResetPolicy", "latest"),
                errorTopic(20, "offsetResetPolicy foo", "offsetResetPolicy", "foo"),
                okTopic(21, "offsetResetPolicy earliest", "offsetResetPolicy", "earliest")
                        .expect("policy", OffsetResetPolicy.EARLIEST),
                errorTopic(22, "allowIdleConsumers not a boolean", "allowIdleConsumers", "notvalid"),
                okTopic(23, "allowIdleConsumers true", "allowIdleConsumers", "true").expect("idle", true),
                errorTopic(24, "excludePersistentLag not a boolean", "excludePersistentLag", "notvalid"),
                okTopic(25, "excludePersistentLag true", "excludePersistentLag", "true").expect("persistent", true),
                okTopic(26, "allowIdleConsumers with version 1.0.0", "allowIdleConsumers", "true",
                        "version", "1.0.0").expect("idle", true),
                okTopic(27, "limitToPartitionsWithLag true", "limitToPartitionsWithLag", "true")
                        .expect("limit", true),
                errorTopic(28, "limitToPartitionsWithLag not a boolean", "limitToPartitionsWithLag", "notvalid"),
                errorTopic(29, "allowIdleConsumers with limitToPartitionsWithLag", "allowIdleConsumers", "true",
                        "limitToPartitionsWithLag", "true"),
                okTopic(30, "allowIdleConsumers true, limitToPartitionsWithLag false", "allowIdleConsumers", "true",
                        "limitToPartitionsWithLag", "false").expect("idle", true),
                error(31, "limitToPartitionsWithLag without topic",
                        meta("bootstrapServers", "foobar:9092", "consumerGroup", "my-group",
                                "limitToPartitionsWithLag", "true"), FOOBAR),
                okTopic(32, "ensureEvenDistributionOfPartitions true", "ensureEvenDistributionOfPartitions", "true")
                        .expect("even", true),
                errorTopic(33, "ensureEvenDistributionOfPartitions with limitToPartitionsWithLag",
                        "ensureEvenDistributionOfPartitions", "true", "limitToPartitionsWithLag", "true"),
                okTopic(34, "fullMetadata true with topic", "fullMetadata", "true"),
                ok(35, "fullMetadata true without topic",
                        meta("bootstrapServers", "foobar:9092", "consumerGroup", "my-group", "fullMetadata", "true"),
                        "", List.of()),
                okTopic(36, "fullMetadata false with topic", "fullMetadata", "false").expect("full", false),
                error(37, "fullMetadata false without topic",
                        meta("bootstrapServers", "foobar:9092", "consumerGroup", "my-group", "fullMetadata", "false"),
                        FOOBAR),
                errorTopic(38, "fullMetadata not a boolean", "fullMetadata", "notabool"));
    }

    /** KEDA runs every row with SASL auth params and without any. */
    static Stream<Arguments> rowsWithAuth() {
        return rows().flatMap(row -> Stream.of(
                Arguments.of(row.number() + " " + row.name() + " [sasl plaintext]", row, SASL_AUTH),
                Arguments.of(row.number() + " " + row.name() + " [no auth]", row, Map.of())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rowsWithAuth")
    void parsesKedaMetadataRowsAsKedaDoes(String name, Row row, Map<String, String> auth) {
        TriggerConfig config = TriggerConfig.builder("kafka").metadata(row.metadata()).authParams(auth).build();
        if (row.error()) {
            assertThatThrownBy(() -> ParameterBinder.bind(config, KafkaTriggerParams.class))
                    .isInstanceOf(ScalerConfigException.class)
                    .hasMessageStartingWith("trigger[0] (kafka): ");
            return;
        }
        KafkaTriggerParams params = ParameterBinder.bind(config, KafkaTriggerParams.class);
        assertThat(params.bootstrapServers()).isEqualTo(row.brokers());
        assertThat(params.consumerGroup()).isEqualTo(row.group());
        assertThat(params.topic().orElse("")).isEqualTo(row.topic());
        assertThat(params.partitionLimitation()).isEqualTo(row.partitionLimitation());
        assertThat(params.offsetResetPolicy()).isEqualTo(row.expected("policy", OffsetResetPolicy.LATEST));
        assertThat(params.allowIdleConsumers()).isEqualTo(row.expected("idle", false));
        assertThat(params.excludePersistentLag()).isEqualTo(row.expected("persistent", false));
        assertThat(params.limitToPartitionsWithLag()).isEqualTo(row.expected("limit", false));
        assertThat(params.ensureEvenDistributionOfPartitions()).isEqualTo(row.expected("even", false));
        assertThat(params.fullMetadata()).isEqualTo(row.expected("full", true));
        assertThat(params.lagThreshold()).isEqualTo(row.expected("lag", 10L));
        // Security binding must accept both auth sets alongside every valid metadata row.
        assertThat(ParameterBinder.bind(config, KafkaSecurityParams.class).sasl())
                .isEqualTo(auth.isEmpty() ? SaslMechanism.NONE : SaslMechanism.PLAINTEXT);
    }

    @ParameterizedTest(name = "partitionLimitation \"{0}\" -> [{1}]")
    @CsvSource(delimiter = '|', value = {
        "1|1",
        "1,2,3,4|1,2,3,4",
        " 1 , 2 , 3 |1,2,3",
        "1-4|1,2,3,4",
        "3-3|3",
        " 1 - 4 |1,2,3,4",
        "1-4,8,10-12|1,2,3,4,8,10,11,12"})
    void parsesPartitionLimitationListsAndRanges(String limitation, String expected) {
        List<Integer> partitions = Stream.of(expected.split(",")).map(Integer::valueOf).toList();
        assertThat(bind(withTopic("partitionLimitation", limitation)).partitionLimitation()).isEqualTo(partitions);
    }

    @ParameterizedTest(name = "partitionLimitation \"{0}\" is refused")
    @CsvSource(delimiter = '|', value = {"a,b,c", "1-2-3", "a-3", "1-b"})
    void refusesMalformedPartitionLimitation(String limitation) {
        assertThatThrownBy(() -> bind(withTopic("partitionLimitation", limitation)))
                .isInstanceOf(ScalerConfigException.class)
                .hasMessageContaining("partitionLimitation");
    }

    @ParameterizedTest(name = "row {0} at index {1} -> {2}")
    @CsvSource({
        "12, 0, s0-kafka-my-topic",
        "12, 1, s1-kafka-my-topic",
        "3, 1, s1-kafka-my-group-topics"})
    void namesMetricsAsKedaDoes(int row, int index, String metricName) {
        Row kedaRow = rows().filter(r -> r.number() == row).findFirst().orElseThrow();
        TriggerConfig config = TriggerConfig.of("kafka", index, kedaRow.metadata());
        try (var scaler = new KafkaScalerFactory().create(config)) {
            assertThat(scaler.metricSpecs()).singleElement().satisfies(spec -> {
                assertThat(spec.metricName()).isEqualTo(metricName);
                assertThat(spec.target().toQuantity()).isEqualTo("10");
                assertThat(spec.targetType().kubernetesName()).isEqualTo("AverageValue");
            });
        }
    }

    @ParameterizedTest(name = "{0}FromEnv")
    @CsvSource({"bootstrapServers", "consumerGroup", "topic"})
    void readsConnectionParametersFromTheTargetEnvironment(String parameter) {
        Map<String, String> metadata = withTopic();
        metadata.remove(parameter);
        metadata.put(parameter + "FromEnv", "FROM_ENV");
        String value = parameter.equals("bootstrapServers") ? "env:9092" : "from-env";
        TriggerConfig config = TriggerConfig.builder("kafka").metadata(metadata)
                .resolvedEnv(Map.of("FROM_ENV", value)).build();
        KafkaTriggerParams params = ParameterBinder.bind(config, KafkaTriggerParams.class);
        String bound = switch (parameter) {
            case "bootstrapServers" -> String.join(",", params.bootstrapServers());
            case "consumerGroup" -> params.consumerGroup();
            default -> params.topic().orElseThrow();
        };
        assertThat(bound).isEqualTo(value);
    }

    private static KafkaTriggerParams bind(Map<String, String> metadata) {
        return ParameterBinder.bind(TriggerConfig.of("kafka", 0, metadata), KafkaTriggerParams.class);
    }
}
