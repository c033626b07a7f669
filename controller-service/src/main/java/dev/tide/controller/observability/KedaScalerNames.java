package dev.tide.controller.observability;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * KEDA's {@code scaler} label for an unnamed trigger: its scaler's Go type without {@code *scalers.}
 * ({@code strings.Replace(fmt.Sprintf("%T", scaler), "*scalers.", "", 1)} in KEDA's scale handler), so a KEDA
 * dashboard filtering on {@code scaler="kafkaScaler"} finds Tide's series too.
 */
final class KedaScalerNames {

    /** KEDA's type per trigger type (its {@code scalers_builder.go}), for the types Tide has or is adding. */
    private static final Map<String, String> GO_TYPES = Map.ofEntries(
            Map.entry("apache-kafka", "apacheKafkaScaler"),
            Map.entry("aws-sqs-queue", "awsSqsQueueScaler"),
            Map.entry("azure-queue", "azureQueueScaler"),
            Map.entry("cpu", "cpuMemoryScaler"),
            Map.entry("memory", "cpuMemoryScaler"),
            Map.entry("cron", "cronScaler"),
            Map.entry("external", "externalScaler"),
            Map.entry("external-push", "externalPushScaler"),
            Map.entry("kafka", "kafkaScaler"),
            Map.entry("metrics-api", "metricsAPIScaler"),
            Map.entry("mysql", "mySQLScaler"),
            Map.entry("postgresql", "postgreSQLScaler"),
            Map.entry("prometheus", "prometheusScaler"),
            Map.entry("rabbitmq", "rabbitMQScaler"),
            Map.entry("redis", "redisScaler"),
            Map.entry("redis-cluster", "redisScaler"),
            Map.entry("redis-sentinel", "redisScaler"),
            Map.entry("redis-streams", "redisStreamsScaler"),
            Map.entry("redis-cluster-streams", "redisStreamsScaler"),
            Map.entry("redis-sentinel-streams", "redisStreamsScaler"));

    /** Computed once per plugin type, so that its thousands of series share one label string. */
    private static final Map<String, String> PLUGIN_TYPES = new ConcurrentHashMap<>();

    private KedaScalerNames() {
    }

    /** KEDA's name for {@code type}; a type KEDA does not have (a plugin's) becomes lowerCamelCase plus {@code Scaler}. */
    static String of(String type) {
        String known = GO_TYPES.get(type);
        return known != null ? known : PLUGIN_TYPES.computeIfAbsent(type, KedaScalerNames::camelCase);
    }

    private static String camelCase(String type) {
        StringBuilder name = new StringBuilder();
        boolean upper = false;
        for (char c : type.toCharArray()) {
            if (!Character.isLetterOrDigit(c)) {
                upper = name.length() > 0;
            } else {
                name.append(upper ? Character.toUpperCase(c) : name.length() == 0 ? Character.toLowerCase(c) : c);
                upper = false;
            }
        }
        return name.isEmpty() ? type : name.append("Scaler").toString();
    }
}
