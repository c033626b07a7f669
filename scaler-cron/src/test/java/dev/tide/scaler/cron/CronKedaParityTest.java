package dev.tide.scaler.cron;

import static dev.tide.scaler.cron.CronTriggers.sampleAt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tide.scaler.api.MetricTargetType;
import dev.tide.scaler.api.MilliValue;
import dev.tide.scaler.api.ScalerConfigException;
import dev.tide.scaler.api.ScalerSample;
import dev.tide.scaler.api.TriggerCheck;
import dev.tide.scaler.api.TriggerConfig;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * KEDA's own tables for the cron scaler ({@code pkg/scalers/cron_scaler_test.go}, KEDA commit {@code 8b4f083}), row for
 * row. KEDA's activity tests read the wall clock and branch on today's weekday and hour; here each branch is a fixed
 * instant on the injected clock.
 */
class CronKedaParityTest {

    /** KEDA's {@code validCronMetadata}: all of Thursday, in UTC. */
    private static final Map<String, String> THURSDAYS =
            Map.of("timezone", "Etc/UTC", "start", "0 0 * * Thu", "end", "59 23 * * Thu", "desiredReplicas", "10");
    /** KEDA's {@code validCronMetadata2}: from each even hour to the next odd one. */
    private static final Map<String, String> EVEN_HOURS =
            Map.of("timezone", "Etc/UTC", "start", "0 */2 * * *", "end", "0 1-23/2 * * *", "desiredReplicas", "10");
    /** KEDA's {@code validCronMetadata3}: comma-separated values. */
    private static final Map<String, String> HALF_HOURS =
            Map.of("timezone", "Etc/UTC", "start", "0,30 * * * *", "end", "15,45 * * * *", "desiredReplicas", "10");

    private final CronScalerFactory factory = new CronScalerFactory();

    // ---- TestCronParseMetadata (testCronMetadata) ------------------------------------------------------------------

    static Stream<Arguments> testCronMetadata() {
        String negative = "failed to parse int from : strconv.Atoi: parsing \"\": invalid syntax";
        return Stream.of(
                Arguments.of("0: empty metadata", Map.of(), "missing required parameter \"start\" in [triggerMetadata]; "
                        + "missing required parameter \"end\" in [triggerMetadata]; "
                        + "missing required parameter \"timezone\" in [triggerMetadata]; "
                        + "missing required parameter \"desiredReplicas\" in [triggerMetadata]"),
                Arguments.of("1: validCronMetadata", THURSDAYS, null),
                Arguments.of("2: validCronMetadata2", EVEN_HOURS, null),
                Arguments.of("3: validCronMetadata3", HALF_HOURS, null),
                Arguments.of("4: no desiredReplicas", Map.of("timezone", "Asia/Kolkata", "start", "30 * * * *", "end", "45 * * * *"),
                        "missing required parameter \"desiredReplicas\" in [triggerMetadata]"),
                Arguments.of("5: no timezone", Map.of("start", "30 * * * *", "end", "45 * * * *", "desiredReplicas", "10"),
                        "missing required parameter \"timezone\" in [triggerMetadata]"),
                Arguments.of("6: start is a range", kolkata("30-33 * * * *", "45 * * * *"), null),
                Arguments.of("7: end is a range", kolkata("30 * * * *", "45-50 * * * *"), null),
                Arguments.of("8: negative start minute", kolkata("-30 * * * *", "45 * * * *"),
                        "error parsing start schedule: " + negative),
                Arguments.of("9: negative end minute", kolkata("30 * * * *", "-50 * * * *"),
                        "error parsing end schedule: " + negative),
                Arguments.of("10: negative month", kolkata("30 * * * *", "50 * * -3 *"),
                        "error parsing end schedule: " + negative),
                Arguments.of("11: start equals end", kolkata("30 * * * *", "30 * * * *"),
                        "start and end can not have exactly same time input"));
    }

    /**
     * Accepted where KEDA accepts, refused where it refuses, with its words: robfig's parse errors are reproduced to the
     * letter. For the empty row KEDA also runs its {@code Validate} and adds {@code error parsing start schedule: empty
     * spec string}; Tide reports the missing parameters only.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("testCronMetadata")
    void triggerMetadataIsAcceptedOrRefusedAsKedaDecides(String row, Map<String, String> metadata, String refusal) {
        TriggerConfig config = TriggerConfig.of("cron", 0, metadata);
        TriggerCheck check = factory.validate(config, Set.of());
        if (refusal == null) {
            assertThat(check.errors()).isEmpty();
            assertThat(CronTrigger.parse(config).parameters().desiredReplicas()).isEqualTo(10);
            return;
        }
        assertThatThrownBy(() -> factory.create(config)).isInstanceOf(ScalerConfigException.class)
                .hasMessage("trigger[0] (cron): " + refusal);
        assertThat(check.errors()).extracting(TriggerCheck.Issue::message).containsExactly(refusal.split("; "));
    }

    private static Map<String, String> kolkata(String start, String end) {
        return Map.of("timezone", "Asia/Kolkata", "start", start, "end", end, "desiredReplicas", "10");
    }

    // ---- TestCronGetMetricSpecForScaling (cronMetricIdentifiers) ---------------------------------------------------

    static Stream<Arguments> cronMetricIdentifiers() {
        return Stream.of(
                Arguments.of(THURSDAYS, 0, "s0-cron-Etc-UTC-00xxThu-5923xxThu"),
                Arguments.of(EVEN_HOURS, 1, "s1-cron-Etc-UTC-0xSl2xxx-01-23Sl2xxx"),
                Arguments.of(HALF_HOURS, 2, "s2-cron-Etc-UTC-0Cm30xxxx-15Cm45xxxx"));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("cronMetricIdentifiers")
    void metricNamesAreKedasWithTargetOne(Map<String, String> metadata, int triggerIndex, String name) {
        assertThat(factory.create(TriggerConfig.of("cron", triggerIndex, metadata)).metricSpecs()).singleElement()
                .satisfies(spec -> {
                    assertThat(spec.metricName()).isEqualTo(name);
                    assertThat(spec.targetType()).isEqualTo(MetricTargetType.AVERAGE_VALUE);
                    assertThat(spec.target()).isEqualTo(MilliValue.ofWhole(1));
                });
    }

    // ---- TestIsActive, TestGetMetrics (validCronMetadata), TestIsActiveRange, TestGetMetricsRange (validCronMetadata2) --

    /**
     * KEDA's tests branch on the wall clock: {@code validCronMetadata} is active with 10 when today is Thursday
     * (2026-01-01 is one), {@code validCronMetadata2} when the hour is even. Its code is active from the start until the
     * end fires, so the last minute of Thursday is not (KEDA's test would fail if run then).
     */
    @ParameterizedTest(name = "{0} at {1}: active {2}")
    @CsvSource({
            "validCronMetadata, 2026-01-01T00:00:00Z, true",
            "validCronMetadata, 2026-01-01T12:00:00Z, true",
            "validCronMetadata, 2026-01-01T23:58:59.999Z, true",
            "validCronMetadata, 2026-01-01T23:59:00Z, false",
            "validCronMetadata, 2025-12-31T23:59:59.999Z, false",
            "validCronMetadata, 2026-01-02T12:00:00Z, false",
            "validCronMetadata2, 2026-01-05T00:00:00Z, true",
            "validCronMetadata2, 2026-01-05T00:59:59.999Z, true",
            "validCronMetadata2, 2026-01-05T01:00:00Z, false",
            "validCronMetadata2, 2026-01-05T13:30:00Z, false",
            "validCronMetadata2, 2026-01-05T14:00:00Z, true",
            "validCronMetadata2, 2026-01-05T23:30:00Z, false"})
    void activeWithTenReplicasInsideTheWindowOnly(String metadata, String now, boolean active) {
        Map<String, String> window = metadata.equals("validCronMetadata") ? THURSDAYS : EVEN_HOURS;
        ScalerSample sample = sampleAt(now, TriggerConfig.of("cron", 0, window));

        assertThat(sample.active()).isEqualTo(active);
        assertThat(sample.values()).singleElement()
                .satisfies(value -> assertThat(value.value()).isEqualTo(MilliValue.ofWhole(active ? 10 : 0)));
    }
}
