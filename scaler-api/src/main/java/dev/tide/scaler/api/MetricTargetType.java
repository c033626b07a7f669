package dev.tide.scaler.api;

import dev.tide.scaler.api.params.ParameterValue;

/** The HPA target type of an External metric, spelled as in {@code autoscaling/v2}. */
public enum MetricTargetType implements ParameterValue {
    AVERAGE_VALUE("AverageValue"),
    VALUE("Value"),
    UTILIZATION("Utilization");

    private final String kubernetesName;

    MetricTargetType(String kubernetesName) {
        this.kubernetesName = kubernetesName;
    }

    /** The name the HPA and a ScaledObject's {@code metricType} use. */
    public String kubernetesName() {
        return kubernetesName;
    }

    @Override
    public String parameterValue() {
        return kubernetesName;
    }
}
