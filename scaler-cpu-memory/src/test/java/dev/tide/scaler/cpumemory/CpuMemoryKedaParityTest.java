package dev.tide.scaler.cpumemory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tide.scaler.api.MetricTargetType;
import dev.tide.scaler.api.ScalerConfigException;
import dev.tide.scaler.api.TriggerCheck;
import dev.tide.scaler.api.TriggerConfig;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** KEDA's {@code cpu_memory_scaler_test.go}, row for row, through the checks the webhook and the reconciler run. */
class CpuMemoryKedaParityTest {

    private static TriggerConfig trigger(String type, String metricType, String metadata) {
        Map<String, String> values = new HashMap<>();
        if (metadata != null && !metadata.isEmpty()) {
            for (String pair : metadata.split(";")) {
                String[] kv = pair.split("=", -1);
                values.put(kv[0], kv[1]);
            }
        }
        TriggerConfig.Builder builder = TriggerConfig.builder(type).metadata(values);
        if (metricType != null && !metricType.isEmpty()) {
            builder.metricType(MetricTargetType.valueOf(metricType));
        }
        return builder.build();
    }

    private static List<String> errors(String type, String metricType, String metadata) {
        ResourceScalerFactory factory = type.equals("cpu") ? new CpuScalerFactory() : new MemoryScalerFactory();
        TriggerCheck check = factory.validate(trigger(type, metricType, metadata), Set.of());
        return check.errors().stream().map(TriggerCheck.Issue::message).toList();
    }

    /** {@code TestCPUMemoryParseMetadata}'s testCPUMemoryMetadata rows, for both types; then Tide's own rows. */
    @ParameterizedTest(name = "{0} metricType \"{1}\", metadata \"{2}\": error {3}")
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
            cpu    |               | null                          | true  | missing required parameter "value" in [triggerMetadata]
            cpu    | UTILIZATION   | value=50                      | false |
            cpu    | AVERAGE_VALUE | value=50                      | false |
            cpu    | VALUE         | value=50                      | true  | unknown metric type: Value, allowed values are 'Utilization' or 'AverageValue'
            cpu    |               | value=                        | true  | missing required parameter "value" in [triggerMetadata]
            memory |               | null                          | true  | missing required parameter "value" in [triggerMetadata]
            memory | UTILIZATION   | value=50                      | false |
            memory | AVERAGE_VALUE | value=50                      | false |
            memory | VALUE         | value=50                      | true  | unknown metric type: Value, allowed values are 'Utilization' or 'AverageValue'
            memory | UTILIZATION   | value=50;containerName=foo    | false |
            memory | AVERAGE_VALUE | value=512Mi                   | false |
            cpu    |               | value=50                      | true  | unknown metric type: , allowed values are 'Utilization' or 'AverageValue'
            cpu    | AVERAGE_VALUE | value=250m                    | false |
            cpu    | UTILIZATION   | value=50%                     | true  | strconv.ParseInt: parsing "50%": invalid syntax
            cpu    | UTILIZATION   | value=99999999999             | true  | strconv.ParseInt: parsing "99999999999": value out of range
            memory | AVERAGE_VALUE | value=lots                    | true  | quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$', got "lots"
            cpu    | UTILIZATION   | value=50;type=Utilization     | true  | The 'type' setting is DEPRECATED and is removed in v2.18 - Use 'metricType' instead.
            """)
    void aTriggerIsAcceptedOrRefusedAsKedaParsesIt(String type, String metricType, String metadata, boolean error, String message) {
        List<String> errors = errors(type, metricType, metadata);
        assertThat(errors.isEmpty()).as(errors.toString()).isEqualTo(!error);
        if (error) {
            assertThat(errors).anySatisfy(found -> assertThat(found).contains(message));
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"cpu", "memory"})
    void noScalerIsBuiltForAResourceTriggerAndTheMessageSaysWhy(String type) {
        ResourceScalerFactory factory = type.equals("cpu") ? new CpuScalerFactory() : new MemoryScalerFactory();
        assertThatThrownBy(() -> factory.create(trigger(type, "UTILIZATION", "value=50")))
                .isInstanceOf(ScalerConfigException.class)
                .hasMessage("trigger[0] (" + type + "): " + type + " triggers are not polled: the HPA reads the pods' usage"
                        + " from the metrics server through the Resource metric the controller writes");
    }
}
