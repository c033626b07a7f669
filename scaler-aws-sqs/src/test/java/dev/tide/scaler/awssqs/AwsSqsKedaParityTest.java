package dev.tide.scaler.awssqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tide.scaler.api.PodIdentity;
import dev.tide.scaler.api.Scaler;
import dev.tide.scaler.api.ScalerConfigException;
import dev.tide.scaler.api.ScalerException;
import dev.tide.scaler.api.TriggerConfig;
import dev.tide.scaler.awssqs.testing.ElasticMqServer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * KEDA's own tables for the aws-sqs-queue scaler ({@code pkg/scalers/aws_sqs_queue_scaler_test.go}), row for row;
 * each display name starts with KEDA's comment or case name. Where KEDA only says "error", the message is Tide's
 * (the binder's, or KEDA's own words where its code has them). KEDA's mocked {@code GetQueueAttributes} answers are
 * fed to the value computation ({@link QueueLength}) as the pure function it is; its failing mock is a queue that
 * does not exist on a real ElasticMQ.
 */
class AwsSqsKedaParityTest {

    private static final String LABEL = "trigger[0] (aws-sqs-queue): ";
    private static final String PROPER_URL = "https://sqs.eu-west-1.amazonaws.com/account_id/DeleteArtifactQ";
    private static final String IMPROPER_URL_1 = "https://sqs.eu-west-1.amazonaws.com/account_id";
    private static final String IMPROPER_URL_2 = "https://sqs.eu-west-1.amazonaws.com";
    private static final String SIMPLE_URL = "my-queue";
    private static final String ERROR_URL = "https://sqs.eu-west-1.amazonaws.com/account_id/Error";
    private static final String BAD_DATA_URL = "https://sqs.eu-west-1.amazonaws.com/account_id/BadData";
    private static final Map<String, String> KEYS = Map.of("awsAccessKeyId", "none", "awsSecretAccessKey", "none");
    private static final PodIdentity NONE = PodIdentity.none();
    private static final PodIdentity AWS_ROLE =
            new PodIdentity("aws", Optional.empty(), Optional.empty(), Optional.empty(), Optional.of("none"));
    private static final PodIdentity AWS_NO_ROLE = PodIdentity.of("aws");

    private static Map<String, String> meta(String... pairs) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    private static TriggerConfig config(Map<String, String> metadata, Map<String, String> auth, Map<String, String> env,
            PodIdentity identity, int index) {
        return TriggerConfig.builder("aws-sqs-queue").triggerIndex(index).metadata(metadata).authParams(auth)
                .resolvedEnv(env).podIdentity(identity).build();
    }

    // ---- TestSQSParseMetadata (testAWSSQSMetadata) ------------------------------------------------------------------

    static Stream<Arguments> parseRows() {
        String missingRegion = "missing required parameter \"awsRegion\" in [triggerMetadata, authParams]";
        String missingUrl = "missing required parameter \"queueURL\" in [triggerMetadata, resolvedEnv]";
        String proper = PROPER_URL;
        return Stream.of(
                row("metadata empty", meta(), KEYS, Map.of(), NONE, missingUrl + "; " + missingRegion),
                row("properly formed queue and region", meta("queueURL", proper, "queueLength", "1", "awsRegion", "eu-west-1"),
                        KEYS, Map.of(), NONE, "StaticKeys"),
                row("properly formed queue and region with custom endpoint", meta("queueURL", proper, "queueLength", "1",
                        "awsRegion", "eu-west-1", "awsEndpoint", "http://localhost:4566"), KEYS, Map.of(), NONE, "StaticKeys"),
                row("improperly formed queue, missing queueName", meta("queueURL", IMPROPER_URL_1, "queueLength", "1",
                        "awsRegion", "eu-west-1"), KEYS, Map.of(), NONE, "cannot get queueName from queueURL"),
                row("improperly formed queue, missing path", meta("queueURL", IMPROPER_URL_2, "queueLength", "1",
                        "awsRegion", "eu-west-1"), KEYS, Map.of(), NONE, "cannot get queueName from queueURL"),
                row("properly formed queue, empty region", meta("queueURL", proper, "queueLength", "1", "awsRegion", ""),
                        KEYS, Map.of(), NONE, missingRegion),
                row("properly formed queue, integer queueLength", meta("queueURL", proper, "queueLength", "1",
                        "awsRegion", "eu-west-1"), KEYS, Map.of(), NONE, "StaticKeys"),
                row("invalid integer value for queueLength", meta("queueURL", proper, "queueLength", "a",
                        "awsRegion", "eu-west-1"), KEYS, Map.of(), NONE, "parameter \"queueLength\" value \"a\" must be an integer"),
                row("properly formed queue, integer activationQueueLength", meta("queueURL", proper, "queueLength", "1",
                        "activationQueueLength", "1", "awsRegion", "eu-west-1"), KEYS, Map.of(), NONE, "StaticKeys"),
                row("invalid integer value for activationQueueLength", meta("queueURL", proper, "queueLength", "1",
                        "activationQueueLength", "a", "awsRegion", "eu-west-1"), KEYS, Map.of(), NONE,
                        "parameter \"activationQueueLength\" value \"a\" must be an integer"),
                row("with AWS static credentials from TriggerAuthentication", regular(),
                        Map.of("awsAccessKeyId", "none", "awsSecretAccessKey", "none"), Map.of(), NONE, "StaticKeys"),
                row("with AWS temporary credentials from TriggerAuthentication", regular(),
                        Map.of("awsAccessKeyId", "none", "awsSecretAccessKey", "none", "awsSessionToken", "none"), Map.of(),
                        NONE, "StaticKeys"),
                row("with AWS static credentials from TriggerAuthentication, missing Access Key Id", regular(),
                        Map.of("awsAccessKeyId", "", "awsSecretAccessKey", "none"), Map.of(), NONE, "awsAccessKeyID not found"),
                row("with AWS temporary credentials from TriggerAuthentication, missing Secret Access Key", regular(),
                        Map.of("awsAccessKeyId", "none", "awsSecretAccessKey", ""), Map.of(), NONE,
                        "awsSecretAccessKey not found"),
                row("with AWS temporary credentials from TriggerAuthentication, missing Access Key Id (with a token)",
                        regular(), Map.of("awsAccessKeyId", "", "awsSecretAccessKey", "none", "awsSessionToken", "none"),
                        Map.of(), NONE, "awsAccessKeyID not found"),
                row("with AWS static credentials from TriggerAuthentication, missing Secret Access Key (with a token)",
                        regular(), Map.of("awsAccessKeyId", "none", "awsSecretAccessKey", "", "awsSessionToken", "none"),
                        Map.of(), NONE, "awsSecretAccessKey not found"),
                row("with AWS Role from Pod Identity", regular(), Map.of(), Map.of(), AWS_ROLE, "AssumeRole"),
                // The SPI's PodIdentity carries no externalID: the role is assumed without it (see the report).
                row("with AWS Role and External ID from Pod Identity", regular(), Map.of(), Map.of(), AWS_ROLE, "AssumeRole"),
                row("with AWS Role assigned on KEDA operator itself", meta("queueURL", proper, "queueLength", "1",
                        "awsRegion", "eu-west-1", "identityOwner", "operator"),
                        Map.of("awsAccessKeyId", "", "awsSecretAccessKey", ""), Map.of(), NONE, "DefaultChain"),
                row("with AWS Role assigned on KEDA operator itself (deprecated path)", meta("queueURL", proper,
                        "queueLength", "1", "awsRegion", "eu-west-1", "identityOwner", "operator"),
                        Map.of("awsRoleArn", "none", "awsAccessKeyId", "", "awsSecretAccessKey", ""), Map.of(), NONE,
                        "DefaultChain"),
                row("properly formed queue and region (simple queue name)", meta("queueURL", SIMPLE_URL, "queueLength", "1",
                        "awsRegion", "eu-west-1"), KEYS, Map.of(), NONE, "StaticKeys"),
                row("properly formed queue and region (scaleOnInFlight false)", meta("queueURL", SIMPLE_URL,
                        "queueLength", "1", "awsRegion", "eu-west-1", "scaleOnInFlight", "false"), KEYS, Map.of(), NONE,
                        "StaticKeys"),
                row("properly formed queue and region (scaleOnInFlight true)", meta("queueURL", SIMPLE_URL,
                        "queueLength", "1", "awsRegion", "eu-west-1", "scaleOnInFlight", "true"), KEYS, Map.of(), NONE,
                        "StaticKeys"),
                row("properly formed queue loaded from env", meta("queueURLFromEnv", "QUEUE_URL", "queueLength", "1",
                        "awsRegion", "eu-west-1"), KEYS, Map.of("QUEUE_URL", proper), NONE, "StaticKeys"),
                row("missing queue url from both queueURL and queueURLFromEnv", meta("queueLength", "1",
                        "awsRegion", "eu-west-1"), KEYS, Map.of(), NONE, missingUrl),
                row("empty QUEUE_URL env value", meta("queueURLFromEnv", "QUEUE_URL", "queueLength", "1",
                        "awsRegion", "eu-west-1"), KEYS, Map.of("QUEUE_URL", ""), NONE, missingUrl),
                row("with External ID but missing Role ARN (still valid, just won't use external ID)", regular(),
                        Map.of(), Map.of(), AWS_NO_ROLE, "DefaultChain"));
    }

    private static Map<String, String> regular() {
        return meta("queueURL", PROPER_URL, "queueLength", "1", "awsRegion", "eu-west-1");
    }

    private static Arguments row(String comment, Map<String, String> metadata, Map<String, String> auth,
            Map<String, String> env, PodIdentity identity, String expected) {
        return Arguments.of(comment, metadata, auth, env, identity, expected);
    }

    /** {@code expected}: the credentials chosen ({@code StaticKeys}, {@code AssumeRole}, {@code DefaultChain}) or the error. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("parseRows")
    void parsesAsKedaDoes(String comment, Map<String, String> metadata, Map<String, String> auth,
            Map<String, String> env, PodIdentity identity, String expected) {
        TriggerConfig config = config(metadata, auth, env, identity, 0);
        if (List.of("StaticKeys", "AssumeRole", "DefaultChain").contains(expected)) {
            assertThat(AwsSqsTrigger.parse(config).client().credentials().getClass().getSimpleName()).isEqualTo(expected);
        } else {
            assertThatThrownBy(() -> AwsSqsTrigger.parse(config))
                    .isInstanceOf(ScalerConfigException.class)
                    .hasMessage(LABEL + expected);
        }
    }

    // ---- TestAWSSQSGetMetricSpecForScaling (awsSQSMetricIdentifiers) ----------------------------------------------

    @ParameterizedTest(name = "trigger index {0}: {1}")
    @org.junit.jupiter.params.provider.CsvSource({"0, s0-aws-sqs-DeleteArtifactQ", "1, s1-aws-sqs-DeleteArtifactQ"})
    void namesTheMetricAsKedaDoes(int index, String name) {
        TriggerConfig config = config(regular(), KEYS, Map.of(), NONE, index);
        assertThat(AwsSqsTrigger.parse(config).metricSpec().metricName()).isEqualTo(name);
    }

    // ---- TestAWSSQSScalerGetMetrics (awsSQSGetMetricTestData) against KEDA's mockSqs answers ----------------------

    /** KEDA's {@code mockSqs}: 200 visible, 100 in flight, 50 delayed; {@code BadData} answers NotInt. */
    private static Map<String, String> mockAnswer(String queueUrl) {
        if (queueUrl.equals(BAD_DATA_URL)) {
            return Map.of(QueueLength.VISIBLE, "NotInt", QueueLength.IN_FLIGHT, "NotInt");
        }
        return Map.of(QueueLength.VISIBLE, "200", QueueLength.IN_FLIGHT, "100", QueueLength.DELAYED, "50");
    }

    static Stream<Arguments> metricRows() {
        return Stream.of(
                Arguments.of("not error with scaleOnInFlight disabled", meta("scaleOnInFlight", "false"), PROPER_URL, 200L),
                Arguments.of("not error with scaleOnInFlight enabled", meta("scaleOnInFlight", "true"), PROPER_URL, 300L),
                Arguments.of("not error with scaleOnDelayed disabled", meta("scaleOnDelayed", "false"), PROPER_URL, 300L),
                Arguments.of("not error with scaleOnDelayed enabled", meta("scaleOnDelayed", "true"), PROPER_URL, 350L),
                Arguments.of("not error with scaledOnInFlight and scaleOnDelayed disabled",
                        meta("scaleOnInFlight", "false", "scaleOnDelayed", "false"), PROPER_URL, 200L),
                Arguments.of("not error with scaledOnInFlight and scaleOnDelayed enabled",
                        meta("scaleOnInFlight", "true", "scaleOnDelayed", "true"), PROPER_URL, 350L),
                Arguments.of("bad data", meta("scaleOnInFlight", "true"), BAD_DATA_URL, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("metricRows")
    void sumsTheSelectedAttributesAsKedaDoes(String comment, Map<String, String> flags, String queueUrl, Long expected) {
        Map<String, String> metadata = meta("queueURL", queueUrl, "queueLength", "1", "awsRegion", "eu-west-1");
        metadata.putAll(flags);
        AwsSqsTrigger trigger = AwsSqsTrigger.parse(config(metadata, KEYS, Map.of(), NONE, 0));
        if (expected == null) {
            assertThatThrownBy(() -> QueueLength.sum(mockAnswer(queueUrl), trigger.attributes()))
                    .hasMessage("metric ApproximateNumberOfMessages value \"NotInt\" is not an integer");
        } else {
            assertThat(QueueLength.sum(mockAnswer(queueUrl), trigger.attributes())).isEqualTo(expected);
        }
    }

    /** KEDA's "error queue" row: its mock fails the call; here a real server answers that the queue does not exist. */
    @Test
    void errorQueueIsAnErrorNeverAZero() {
        ElasticMqServer server = ElasticMqServer.shared();
        String url = server.endpoint() + "/" + ElasticMqServer.ACCOUNT + "/Error";
        Map<String, String> metadata = meta("queueURL", url, "queueLength", "1", "awsRegion", "eu-west-1",
                "scaleOnInFlight", "false", "awsEndpoint", server.endpoint().toString());
        try (Scaler scaler = new AwsSqsScalerFactory(new SqsClients(SqsClients::open))
                .create(config(metadata, KEYS, Map.of(), NONE, 0))) {
            assertThatThrownBy(() -> scaler.sample("s0-aws-sqs-Error"))
                    .isInstanceOf(ScalerException.class)
                    .hasMessageStartingWith(LABEL + "error getting the attributes of queue " + url + ": ")
                    .hasMessageEndingWith("QueueDoesNotExist (400): The specified queue does not exist.");
        }
    }

    // ---- TestProcessQueueLengthFromSqsQueueAttributesOutput ---------------------------------------------------------

    static Stream<Arguments> attributeRows() {
        return Stream.of(
                Arguments.of("properly formed queue attributes", three("1"), 1L, null),
                Arguments.of("missing ApproximateNumberOfMessages", Map.of(), null,
                        "metric ApproximateNumberOfMessages not found in SQS queue attributes"),
                Arguments.of("invalid ApproximateNumberOfMessages", three("NotInt"), null,
                        "metric ApproximateNumberOfMessages value \"NotInt\" is not an integer"),
                Arguments.of("32 bit int upper bound", three("2147483647"), 2147483647L, null),
                Arguments.of("32 bit int upper bound + 1", three("2147483648"), 2147483648L, null));
    }

    private static Map<String, String> three(String visible) {
        return Map.of(QueueLength.VISIBLE, visible, QueueLength.IN_FLIGHT, "0", QueueLength.DELAYED, "0");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attributeRows")
    void readsTheAttributesAsKedaDoes(String name, Map<String, String> answer, Long expected, String error) {
        List<String> all = QueueLength.attributes(true, true);
        if (error != null) {
            assertThatThrownBy(() -> QueueLength.sum(answer, all)).isInstanceOf(IllegalStateException.class).hasMessage(error);
        } else {
            assertThat(QueueLength.sum(answer, all)).isEqualTo(expected);
        }
    }

    // ---- TestQueueURLFromEnvResolution ------------------------------------------------------------------------------

    static Stream<Arguments> envRows() {
        return Stream.of(
                Arguments.of("direct queueURL", meta("queueURL", PROPER_URL, "awsRegion", "eu-west-1"), Map.of(), PROPER_URL),
                Arguments.of("queueURL from environment variable", meta("queueURLFromEnv", "QUEUE_URL", "awsRegion",
                        "eu-west-1"), Map.of("QUEUE_URL", PROPER_URL), PROPER_URL),
                Arguments.of("missing environment variable", meta("queueURLFromEnv", "MISSING_ENV_VAR", "awsRegion",
                        "eu-west-1"), Map.of("QUEUE_URL", PROPER_URL), null),
                Arguments.of("empty environment variable value", meta("queueURLFromEnv", "EMPTY_ENV_VAR", "awsRegion",
                        "eu-west-1"), Map.of("EMPTY_ENV_VAR", ""), null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("envRows")
    void resolvesTheQueueUrlAsKedaDoes(String name, Map<String, String> metadata, Map<String, String> env, String expected) {
        TriggerConfig config = config(metadata, KEYS, env, NONE, 0);
        if (expected == null) {
            assertThatThrownBy(() -> AwsSqsTrigger.parse(config))
                    .hasMessage(LABEL + "missing required parameter \"queueURL\" in [triggerMetadata, resolvedEnv]");
        } else {
            assertThat(AwsSqsTrigger.parse(config).parameters().queueURL()).isEqualTo(expected);
        }
    }

    // ---- TestAWSSQSScalerCloseClosesHTTPConnections, TestAWSSQSScalerCloseWithNilHTTPClient ------------------------

    @Test
    void closingTheLastScalerOfAClientClosesItAndClosingTwiceIsHarmless() {
        AwsSqsScalerFactory factory = new AwsSqsScalerFactory(new SqsClients(SqsClients::open));
        Scaler first = factory.create(config(regular(), KEYS, Map.of(), NONE, 0));
        Scaler second = factory.create(config(regular(), KEYS, Map.of(), NONE, 1));
        assertThat(factory.clientCount()).isEqualTo(1);
        first.close();
        first.close();
        assertThat(factory.clientCount()).isEqualTo(1);
        second.close();
        assertThat(factory.clientCount()).isZero();
    }
}
