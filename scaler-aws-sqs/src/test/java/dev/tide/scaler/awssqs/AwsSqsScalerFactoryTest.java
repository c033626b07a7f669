package dev.tide.scaler.awssqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tide.scaler.api.MetricTargetType;
import dev.tide.scaler.api.PodIdentity;
import dev.tide.scaler.api.ScalerConfigException;
import dev.tide.scaler.api.TriggerCheck;
import dev.tide.scaler.api.TriggerConfig;
import dev.tide.scaler.api.params.Source;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What Tide decides beyond KEDA's tables: refusals, offline checks and which triggers share a connection. */
class AwsSqsScalerFactoryTest {

    private static final String URL = "https://sqs.eu-west-1.amazonaws.com/123456789012/orders";
    private final AwsSqsScalerFactory factory = new AwsSqsScalerFactory(new SqsClients(SqsClients::open));

    private static TriggerConfig.Builder trigger(String... more) {
        Map<String, String> metadata = new HashMap<>(Map.of("queueURL", URL, "awsRegion", "eu-west-1"));
        for (int i = 0; i < more.length; i += 2) {
            metadata.put(more[i], more[i + 1]);
        }
        return TriggerConfig.builder("aws-sqs-queue").metadata(metadata);
    }

    private static Map<String, String> keys(String secret) {
        return Map.of("awsAccessKeyID", "AKID", "awsSecretAccessKey", secret);
    }

    @ParameterizedTest(name = "podIdentity {0} is refused by name")
    @CsvSource({"azure-workload", "gcp"})
    void aPodIdentityThisScalerCannotUseIsRefusedByName(String provider) {
        TriggerConfig config = trigger().authParams(keys("secret-1")).podIdentity(PodIdentity.of(provider)).build();
        assertThatThrownBy(() -> factory.create(config)).isInstanceOf(ScalerConfigException.class)
                .hasMessage("trigger[0] (aws-sqs-queue): pod identity " + provider + " not supported for aws-sqs-queue: use "
                        + "podIdentity aws, identityOwner operator, awsRoleArn or AWS access keys");
    }

    @Test
    void anIdentityOwnerTypoIsRefusedRatherThanReadWithTheOperatorsIdentity() {
        assertThatThrownBy(() -> factory.create(trigger("identityOwner", "operater").build()))
                .hasMessage("trigger[0] (aws-sqs-queue): parameter \"identityOwner\" value \"operater\" must be one of [pod, operator]");
    }

    @Test
    void aUtilizationMetricTypeIsRefusedAsKedaRefusesIt() {
        assertThatThrownBy(() -> factory.create(trigger().authParams(keys("secret-1")).metricType(MetricTargetType.UTILIZATION).build()))
                .hasMessage("trigger[0] (aws-sqs-queue): error getting scaler metric type: 'Utilization' metric type is "
                        + "unsupported for external metrics, allowed values are 'Value' or 'AverageValue'");
    }

    @Test
    void offlineTheCredentialsAreNotAskedForButOnlineTheyAre() {
        TriggerConfig noCredentials = trigger().build();
        assertThat(factory.validate(noCredentials, Set.of(Source.AUTH_PARAMS, Source.RESOLVED_ENV)).errors()).isEmpty();
        assertThat(factory.validate(noCredentials, Set.of()).errors()).extracting(TriggerCheck.Issue::message)
                .containsExactly("awsAccessKeyID not found");
        assertThat(factory.validate(trigger("queueURL", "https://sqs.eu-west-1.amazonaws.com").authParams(keys("s-1")).build(),
                Set.of()).errors()).extracting(TriggerCheck.Issue::message).containsExactly("cannot get queueName from queueURL");
    }

    @Test
    void metadataKeysOfTheCredentialsAreKnownParameters() {
        TriggerConfig config = trigger("awsAccessKeyIDFromEnv", "KEY_ID", "awsSecretAccessKeyFromEnv", "SECRET").build();
        assertThat(factory.validate(config, Set.of(Source.AUTH_PARAMS, Source.RESOLVED_ENV)).warnings()).isEmpty();
    }

    @Test
    void triggersShareAConnectionKeyPerRegionEndpointAndCredentialNeverShowingTheSecret() {
        var orders = factory.connectionKey(trigger().authParams(keys("secret-one")).build());
        var payments = factory.connectionKey(trigger("queueURL", URL.replace("orders", "payments"), "queueLength", "9")
                .authParams(keys("secret-one")).build());
        var otherSecret = factory.connectionKey(trigger().authParams(keys("secret-two")).build());
        var otherRegion = factory.connectionKey(trigger("awsRegion", "us-east-1").authParams(keys("secret-one")).build());
        var podIdentity = factory.connectionKey(trigger().podIdentity(PodIdentity.of("aws")).build());
        assertThat(orders).isEqualTo(payments).isNotEqualTo(otherSecret).isNotEqualTo(otherRegion).isNotEqualTo(podIdentity);
        assertThat(orders.toString() + orders.id()).doesNotContain("secret-one");
    }
}
