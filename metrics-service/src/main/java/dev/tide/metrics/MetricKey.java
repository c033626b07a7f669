package dev.tide.metrics;

/**
 * Which value the HPA asks for: one metric of one ScaledObject.
 *
 * @param namespace the ScaledObject's namespace
 * @param scaledObject the ScaledObject's name
 * @param metricName the HPA's External metric name ({@code s<i>-<name>})
 */
record MetricKey(String namespace, String scaledObject, String metricName) {

    @Override
    public String toString() {
        return metricName + " of ScaledObject " + namespace + "/" + scaledObject;
    }
}
