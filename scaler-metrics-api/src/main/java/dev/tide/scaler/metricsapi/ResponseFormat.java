package dev.tide.scaler.metricsapi;

/**
 * The {@code format} of the API's response, KEDA's {@code APIFormat}. Each format has its own {@code valueLocation}
 * syntax: a GJSON path for json, a dotted path (KEDA's {@code GetValueByPath}) for xml and yaml, a Prometheus metric
 * selector for prometheus.
 */
enum ResponseFormat {
    JSON, PROMETHEUS, XML, YAML;

    /**
     * Where the value sits in a response of this format.
     *
     * @throws IllegalArgumentException when {@code valueLocation} is not a location of this format's syntax
     */
    ValueLocation locate(String valueLocation) {
        return switch (this) {
            case JSON -> GjsonPath.parse(valueLocation);
            case PROMETHEUS -> MetricSelector.parse(valueLocation);
            case XML -> new DottedPath(valueLocation, DottedPath.Document.XML);
            case YAML -> new DottedPath(valueLocation, DottedPath.Document.YAML);
        };
    }
}
