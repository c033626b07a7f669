package dev.tide.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tide.keda.api.ScaledJob;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JobSetupTest {

    @Test
    void theBuiltInScaledJobRunsFiveJobsOfAHundredMessagesAndKeepsThree() throws IOException {
        String yaml;
        try (InputStream in = JobSetupTest.class.getResourceAsStream(ScenarioKind.JOBS.resource())) {
            yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        ScaledJob scaledJob = parse(yaml.replace("${pollingInterval}", "1").replace("${bootstrapServers}", "localhost:9092"));

        assertThat(JobSetup.of(scaledJob)).isEqualTo(new JobSetup("orders-job", 5, 3, 100));
    }

    @Test
    void unsetFieldsTakeKedasAndTheKafkaScalersDefaults() {
        assertThat(JobSetup.of(scaledJob("type: kafka", "topic: orders"))).isEqualTo(new JobSetup("mine", 100, 100, 10));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # trigger        | metadata                 | message
            type: cron       | timezone: UTC            | the ScaledJob mine has no kafka trigger: the sandbox's Jobs take their messages from topic orders
            type: kafka      | lagThreshold: "lots"     | the ScaledJob's kafka trigger has lagThreshold "lots", not a whole number
            type: kafka      | lagThreshold: "0"        | the ScaledJob's kafka trigger has lagThreshold 0: one Job takes lagThreshold messages, so it must be at least 1
            """)
    void aScaledJobTheRunnerCannotServeIsRefusedSayingWhy(String trigger, String metadata, String message) {
        assertThatThrownBy(() -> JobSetup.of(scaledJob(trigger, metadata))).isInstanceOf(SandboxException.class)
                .hasMessage(message);
    }

    private static ScaledJob scaledJob(String trigger, String metadata) {
        return parse("""
                apiVersion: keda.sh/v1alpha1
                kind: ScaledJob
                metadata:
                  name: mine
                spec:
                  jobTargetRef:
                    template:
                      spec:
                        containers: [{name: work, image: busybox}]
                  triggers:
                    - %s
                      metadata:
                        %s
                """.formatted(trigger, metadata));
    }

    private static ScaledJob parse(String yaml) {
        return new KubernetesSerialization().unmarshal(yaml, ScaledJob.class);
    }
}
