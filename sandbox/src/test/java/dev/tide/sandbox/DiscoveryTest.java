package dev.tide.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DiscoveryTest {

    @Test
    void listsKedasResourcesAndJobsWithTheNamesKubectlKnowsThemBy() {
        assertThat(Discovery.document("/apis/keda.sh/v1alpha1")).hasValueSatisfying(document -> assertThat(document)
                .contains("{\"name\":\"scaledobjects\",\"singularName\":\"scaledobject\",\"namespaced\":true,"
                        + "\"kind\":\"ScaledObject\"")
                .contains("\"shortNames\":[\"so\"]")
                .contains("{\"name\":\"triggerauthentications\",\"singularName\":\"triggerauthentication\","
                        + "\"namespaced\":true,\"kind\":\"TriggerAuthentication\"")
                .contains("\"shortNames\":[\"ta\",\"triggerauth\"]")
                .contains("{\"name\":\"clustertriggerauthentications\",\"singularName\":\"clustertriggerauthentication\","
                        + "\"namespaced\":false,\"kind\":\"ClusterTriggerAuthentication\"")
                .contains("\"shortNames\":[\"cta\",\"clustertriggerauth\"]")
                .contains("{\"name\":\"scaledobjects/status\"")
                .contains("{\"name\":\"scaledjobs\",\"singularName\":\"scaledjob\",\"namespaced\":true,"
                        + "\"kind\":\"ScaledJob\"")
                .contains("\"shortNames\":[\"sj\"]"));
        assertThat(Discovery.document("/apis/batch/v1")).hasValueSatisfying(document -> assertThat(document)
                .contains("{\"name\":\"jobs\",\"singularName\":\"job\",\"namespaced\":true,\"kind\":\"Job\""));
        assertThat(Discovery.document("/apis")).hasValueSatisfying(document -> assertThat(document)
                .contains("{\"name\":\"keda.sh\",\"versions\":[{\"groupVersion\":\"keda.sh/v1alpha1\",\"version\":\"v1alpha1\"}]"));
    }
}
