package dev.tide.metrics;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Tide's metrics service: serves {@code external.metrics.k8s.io/v1beta1} to the HPA through the
 * kube-apiserver's aggregation layer and answers every read from the controller's internal REST API.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class MetricsServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(MetricsServiceApplication.class, args);
    }
}
