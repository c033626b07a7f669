package dev.tide.scaler.awssqs;

import dev.tide.scaler.api.ScalerFactory;
import dev.tide.scaler.api.TriggerConfig;
import dev.tide.scaler.testkit.ScalerContractTest;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The plugin contract of the test kit. The unreachable source is an SQS endpoint on a closed port of 127.0.0.1; the
 * canary is the AWS secret access key, which signs every request.
 */
class AwsSqsContractTest extends ScalerContractTest {

    private final SqsClients clients = new SqsClients(SqsClients::open);

    @Override
    protected ScalerFactory factory() {
        return new AwsSqsScalerFactory(clients);
    }

    @Override
    protected TriggerConfig sampleTrigger() {
        return TriggerConfig.builder("aws-sqs-queue")
                .metadata(Map.of("queueURL", "http://127.0.0.1:1/000000000000/orders", "awsRegion", "eu-west-1",
                        "awsEndpoint", "http://127.0.0.1:1"))
                .authParams(Map.of("awsAccessKeyID", "AKIDTIDETEST", "awsSecretAccessKey", "not-the-canary"))
                .timeout(Duration.ofMillis(700))
                .build();
    }

    @Override
    protected Optional<TriggerConfig> unreachableTrigger() {
        return Optional.of(sampleTrigger());
    }

    @Override
    protected OptionalInt openClients() {
        return OptionalInt.of(clients.size());
    }
}
