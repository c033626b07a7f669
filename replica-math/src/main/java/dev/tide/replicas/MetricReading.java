package dev.tide.replicas;

import dev.tide.scaler.api.MetricSpec;
import dev.tide.scaler.api.MilliValue;
import java.util.List;
import java.util.Objects;

/**
 * One External metric as the HPA fetched it: the values the metrics API returned, or why it could not.
 */
public sealed interface MetricReading {

    /** The HPA metric this reading is for. */
    MetricSpec spec();

    /** Values returned for the metric; the HPA adds them up. An empty list is invalid, as in Kubernetes. */
    record Sampled(MetricSpec spec, List<MilliValue> values) implements MetricReading {
        public Sampled {
            Objects.requireNonNull(spec, "spec");
            values = List.copyOf(values);
        }
    }

    /** The metrics API answered with an error; {@code error} is what the HPA would report. */
    record Failed(MetricSpec spec, String error) implements MetricReading {
        public Failed {
            Objects.requireNonNull(spec, "spec");
            Objects.requireNonNull(error, "error");
        }
    }

    static MetricReading sampled(MetricSpec spec, MilliValue... values) {
        return new Sampled(spec, List.of(values));
    }

    static MetricReading failed(MetricSpec spec, String error) {
        return new Failed(spec, error);
    }
}
