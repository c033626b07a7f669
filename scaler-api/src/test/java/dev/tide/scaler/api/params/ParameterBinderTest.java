package dev.tide.scaler.api.params;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tide.scaler.api.ScalerConfigException;
import dev.tide.scaler.api.Secret;
import dev.tide.scaler.api.TriggerConfig;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ParameterBinderTest {

    enum OffsetResetPolicy { LATEST, EARLIEST }

    enum Cloud implements ParameterValue {
        PUBLIC("AzurePublicCloud"), PRIVATE("Private");

        private final String spelling;

        Cloud(String spelling) {
            this.spelling = spelling;
        }

        @Override
        public String parameterValue() {
            return spelling;
        }
    }

    record Sample(
            @Param(description = "the topic") String topic,
            @Param(defaultValue = "10", min = 0, minExclusive = true) long lagThreshold,
            @Param(defaultValue = "latest") OffsetResetPolicy offsetResetPolicy,
            @Param(defaultValue = "AzurePublicCloud") Cloud cloud,
            @Param(defaultValue = "false") boolean allowIdleConsumers,
            @Param(optional = true, ranges = true) List<Integer> partitionLimitation,
            @Param(order = {Source.AUTH_PARAMS, Source.TRIGGER_METADATA, Source.RESOLVED_ENV}) Optional<Secret> password,
            @Param(defaultValue = "0.5", min = 0, max = 1) double ratio) {
    }

    record Everything(
            @Param(aliases = "queue") String queueName,
            @Param(order = {Source.TRIGGER_METADATA, Source.RESOLVED_ENV}) String connection,
            @Param(optional = true) Integer maybeNumber,
            @Param(optional = true, separator = ";") Set<String> names,
            @Param(optional = true) Map<String, String> extensions,
            @Param(optional = true, deprecated = "use queueName") String oldName) {
    }

    record CrossChecked(
            @Param(defaultValue = "1") int min,
            @Param(defaultValue = "5") int max) {
        CrossChecked {
            if (min > max) {
                throw new IllegalArgumentException("min " + min + " must not exceed max " + max);
            }
        }
    }

    record NotAnnotated(String topic) {
    }

    record OptionalPrimitiveWithoutDefault(@Param(optional = true) int count) {
    }

    record UnsupportedType(@Param Object value) {
    }

    private static TriggerConfig kafka(Map<String, String> metadata) {
        return TriggerConfig.builder("kafka").triggerIndex(1).metadata(metadata).build();
    }

    @Test
    void bindsEveryTypeWithDefaultsWhenOnlyRequiredParametersAreGiven() {
        Sample sample = ParameterBinder.bind(kafka(Map.of("topic", "orders")), Sample.class);

        assertThat(sample).isEqualTo(new Sample("orders", 10, OffsetResetPolicy.LATEST, Cloud.PUBLIC, false,
                List.of(), Optional.empty(), 0.5));
    }

    @Test
    void trimsValuesAndReadsEnumsBooleansListsAndRanges() {
        Sample sample = ParameterBinder.bind(kafka(Map.of(
                "topic", "  orders ",
                "lagThreshold", " 25",
                "offsetResetPolicy", "earliest",
                "cloud", "private",
                "allowIdleConsumers", "TRUE",
                "partitionLimitation", "1,2, 10-12 ,")), Sample.class);

        assertThat(sample.topic()).isEqualTo("orders");
        assertThat(sample.lagThreshold()).isEqualTo(25);
        assertThat(sample.offsetResetPolicy()).isEqualTo(OffsetResetPolicy.EARLIEST);
        assertThat(sample.cloud()).isEqualTo(Cloud.PRIVATE);
        assertThat(sample.allowIdleConsumers()).isTrue();
        assertThat(sample.partitionLimitation()).containsExactly(1, 2, 10, 11, 12);
    }

    @Test
    void treatsAnEmptyValueAsMissing() {
        assertThatThrownBy(() -> ParameterBinder.bind(kafka(Map.of("topic", "   ")), Sample.class))
                .isInstanceOf(ScalerConfigException.class)
                .hasMessage("trigger[1] (kafka): missing required parameter \"topic\" in [triggerMetadata]");
    }

    @Test
    void readsSourcesInTheDeclaredOrderWithFromEnvIndirection() {
        TriggerConfig trigger = TriggerConfig.builder("kafka").triggerIndex(1)
                .metadata(Map.of("topic", "t", "password", "from-metadata", "passwordFromEnv", "PASSWORD"))
                .resolvedEnv(Map.of("PASSWORD", "from-env"))
                .authParams(Map.of("password", "from-auth"))
                .build();
        TriggerConfig withoutAuth = trigger.toBuilder().authParams(Map.of()).build();
        TriggerConfig onlyEnv = withoutAuth.toBuilder()
                .metadata(Map.of("topic", "t", "passwordFromEnv", "PASSWORD")).build();

        assertThat(ParameterBinder.bind(trigger, Sample.class).password()).contains(Secret.of("from-auth"));
        assertThat(ParameterBinder.bind(withoutAuth, Sample.class).password()).contains(Secret.of("from-metadata"));
        assertThat(ParameterBinder.bind(onlyEnv, Sample.class).password()).contains(Secret.of("from-env"));
    }

    @Test
    void readsAliasesOptionalsSetsAndMaps() {
        TriggerConfig trigger = TriggerConfig.builder("azure-queue")
                .metadata(Map.of("queue", "jobs", "connectionFromEnv", "CONN", "names", "a; b;a",
                        "extensions", "ext1=one, ext2=two=2", "oldName", "legacy"))
                .resolvedEnv(Map.of("CONN", "UseDevelopmentStorage=true"))
                .build();

        Everything bound = ParameterBinder.bind(trigger, Everything.class);

        assertThat(bound.queueName()).isEqualTo("jobs");
        assertThat(bound.connection()).isEqualTo("UseDevelopmentStorage=true");
        assertThat(bound.maybeNumber()).isNull();
        assertThat(bound.names()).containsExactly("a", "b");
        assertThat(bound.extensions()).containsExactly(Map.entry("ext1", "one"), Map.entry("ext2", "two=2"));
        assertThat(bound.oldName()).isEqualTo("legacy");
    }

    static Stream<Arguments> badParameters() {
        return Stream.of(
                Arguments.of("missing required parameter", Map.of(),
                        "missing required parameter \"topic\" in [triggerMetadata]"),
                Arguments.of("enum value not allowed", Map.of("topic", "t", "offsetResetPolicy", "foo"),
                        "parameter \"offsetResetPolicy\" value \"foo\" must be one of [latest, earliest]"),
                Arguments.of("enum with own spelling", Map.of("topic", "t", "cloud", "mars"),
                        "parameter \"cloud\" value \"mars\" must be one of [AzurePublicCloud, Private]"),
                Arguments.of("integer not a number", Map.of("topic", "t", "lagThreshold", "ten"),
                        "parameter \"lagThreshold\" value \"ten\" must be an integer"),
                Arguments.of("integer not above exclusive minimum", Map.of("topic", "t", "lagThreshold", "0"),
                        "parameter \"lagThreshold\" value \"0\" must be greater than 0"),
                Arguments.of("number not a number", Map.of("topic", "t", "ratio", "half"),
                        "parameter \"ratio\" value \"half\" must be a number"),
                Arguments.of("number outside both bounds", Map.of("topic", "t", "ratio", "1.5"),
                        "parameter \"ratio\" value \"1.5\" must be at least 0 and at most 1"),
                Arguments.of("boolean not Go-parsable", Map.of("topic", "t", "allowIdleConsumers", "yes"),
                        "parameter \"allowIdleConsumers\" value \"yes\" must be true or false"),
                Arguments.of("list element not an integer", Map.of("topic", "t", "partitionLimitation", "1,x"),
                        "parameter \"partitionLimitation\" value \"x\" must be an integer"),
                Arguments.of("range backwards", Map.of("topic", "t", "partitionLimitation", "5-1"),
                        "parameter \"partitionLimitation\" value \"5-1\" must be a range whose start is not after its end"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badParameters")
    void reportsABadParameterNamingTheTriggerAndTheParameter(String title, Map<String, String> metadata,
            String problem) {
        assertThatThrownBy(() -> ParameterBinder.bind(kafka(metadata), Sample.class))
                .isInstanceOfSatisfying(ScalerConfigException.class, e -> assertThat(e.problems()).containsExactly(problem))
                .hasMessage("trigger[1] (kafka): " + problem);
    }

    @Test
    void reportsEveryBadParameterAtOnce() {
        assertThatThrownBy(() -> ParameterBinder.bind(kafka(Map.of("offsetResetPolicy", "foo", "lagThreshold", "-1")),
                Sample.class))
                .hasMessage("trigger[1] (kafka): missing required parameter \"topic\" in [triggerMetadata]; "
                        + "parameter \"lagThreshold\" value \"-1\" must be greater than 0; "
                        + "parameter \"offsetResetPolicy\" value \"foo\" must be one of [latest, earliest]");
    }

    @Test
    void namesEverySourceOfAMissingParameterInLookupOrder() {
        assertThatThrownBy(() -> ParameterBinder.bind(TriggerConfig.of("azure-queue", 0, Map.of("queueName", "q")),
                Everything.class))
                .hasMessage("trigger[0] (azure-queue): missing required parameter \"connection\" in "
                        + "[triggerMetadata, resolvedEnv]");
    }

    @Test
    void reportsAMapEntryWithoutKey() {
        TriggerConfig trigger = TriggerConfig.of("azure-queue", 2,
                Map.of("queueName", "q", "connection", "c", "extensions", "novalue"));

        assertThatThrownBy(() -> ParameterBinder.bind(trigger, Everything.class))
                .hasMessage("trigger[2] (azure-queue): parameter \"extensions\" value \"novalue\" must be of the form key=value");
    }

    @Test
    void turnsTheRecordsOwnValidationIntoAConfigErrorNamingTheTrigger() {
        assertThatThrownBy(() -> ParameterBinder.bind(TriggerConfig.of("cron", 3, Map.of("min", "9")), CrossChecked.class))
                .isInstanceOf(ScalerConfigException.class)
                .hasMessage("trigger[3] (cron): min 9 must not exceed max 5");
    }

    @Test
    void neverPrintsASecretValue() {
        TriggerConfig trigger = TriggerConfig.builder("kafka").triggerIndex(1)
                .metadata(Map.of("topic", "t"))
                .authParams(Map.of("password", "hunter2"))
                .build();

        Sample sample = ParameterBinder.bind(trigger, Sample.class);

        assertThat(sample.password().orElseThrow().reveal()).isEqualTo("hunter2");
        assertThat(sample.toString()).doesNotContain("hunter2").contains("<redacted>");
        assertThat(trigger.toString()).doesNotContain("hunter2").contains("password=<redacted>");
    }

    static Stream<Arguments> recordsThatCannotBeBound() {
        return Stream.of(
                Arguments.of(NotAnnotated.class, "record component NotAnnotated.topic has no @Param"),
                Arguments.of(OptionalPrimitiveWithoutDefault.class,
                        "optional primitive OptionalPrimitiveWithoutDefault.count needs a defaultValue or a boxed type"),
                Arguments.of(UnsupportedType.class,
                        "@Param component UnsupportedType.value has an unsupported type java.lang.Object"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("recordsThatCannotBeBound")
    void refusesAParametersRecordThatIsDeclaredWrongly(Class<? extends Record> type, String message) {
        assertThatThrownBy(() -> ParameterBinder.describe(type))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage(message);
    }

    @Test
    void describesParametersForTheReference() {
        List<ParameterDescriptor> parameters = ParameterBinder.describe(Sample.class);

        assertThat(parameters).extracting(ParameterDescriptor::name).containsExactly("topic", "lagThreshold",
                "offsetResetPolicy", "cloud", "allowIdleConsumers", "partitionLimitation", "password", "ratio");
        assertThat(parameters.get(0).required()).isTrue();
        assertThat(parameters.get(1).defaultValue()).contains("10");
        assertThat(parameters.get(2).valueType().allowedValues()).containsExactly("latest", "earliest");
        assertThat(parameters.get(6).secret()).isTrue();
        assertThat(parameters.get(6).required()).isFalse();
    }
}
