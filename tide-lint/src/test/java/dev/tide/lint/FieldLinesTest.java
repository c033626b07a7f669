package dev.tide.lint;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.nodes.Node;

/** A finding's field to the line a reader should look at. */
class FieldLinesTest {

    private static final Node DOCUMENT = new Compose(LoadSettings.builder().build()).composeString("""
            apiVersion: keda.sh/v1alpha1
            kind: ScaledObject
            metadata:
              name: orders
              annotations:
                autoscaling.keda.sh/paused: "true"
            spec:
              scaleTargetRef:
                name: orders
              triggers:
                - type: azure-queue
                  metadata:
                    queueName: orders
                - type: kafka
                  name: "orders (lag)"
                  metadata:
                    topic: orders
                    lagThreshold: "10"
            """).orElseThrow();

    @ParameterizedTest(name = "{0} is on line {1}")
    @CsvSource(delimiter = '|', textBlock = """
            spec.triggers[1] (kafka "orders (lag)").metadata.topic  | 17
            spec.triggers[1] (kafka).metadata.lagThreshold          | 18
            spec.triggers[0] (azure-queue).metadata.queueName       | 13
            spec.triggers[1] (kafka)                                | 14
            spec.triggers                                           | 10
            spec.scaleTargetRef.name                                | 9
            metadata.annotations.autoscaling.keda.sh/paused         | 6
            spec.triggers[1] (kafka).metadata.consumerGroup         | 16
            spec.triggers[7] (kafka).metadata.topic                 | 10
            spec.minReplicaCount                                    | 7
            spec.advanced.horizontalPodAutoscalerConfig.name        | 7
            status                                                  | 1
            ''                                                      | 1
            """)
    void aFieldIsFoundOrItsNearestParentIs(String field, int line) {
        assertThat(FieldLines.line(DOCUMENT, field)).isEqualTo(line);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            spec.triggers           | true
            spec.triggers[1].name   | true
            spec.triggers[2]        | false
            spec.triggers.name      | false
            metadata.name[0]        | false
            """)
    void aNodeIsGivenOnlyWhenEveryPartOfTheFieldIsThere(String field, boolean found) {
        Optional<Node> node = FieldLines.node(DOCUMENT, field);

        assertThat(node.isPresent()).isEqualTo(found);
    }
}
