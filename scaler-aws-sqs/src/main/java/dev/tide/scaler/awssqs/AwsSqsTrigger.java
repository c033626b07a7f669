package dev.tide.scaler.awssqs;

import dev.tide.scaler.api.MetricSpec;
import dev.tide.scaler.api.MetricTargetType;
import dev.tide.scaler.api.MilliValue;
import dev.tide.scaler.api.ScalerConfigException;
import dev.tide.scaler.api.TriggerConfig;
import dev.tide.scaler.api.metrics.MetricNames;
import dev.tide.scaler.api.params.ParameterBinder;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One {@code aws-sqs-queue} trigger, bound and checked (KEDA's {@code parseAwsSqsQueueMetadata}).
 *
 * @param queueName the last segment of {@code queueURL}, or {@code queueURL} itself when it is a bare name
 * @param attributes the queue attributes whose sum is the value
 * @param client which shared client reads the queue
 * @param timeout how long one {@code GetQueueAttributes} call may take, retries included
 */
record AwsSqsTrigger(String label, AwsSqsParameters parameters, String queueName, List<String> attributes,
        SqsClients.Key client, MetricSpec metricSpec, Duration timeout) {

    static final String TYPE = "aws-sqs-queue";

    /** Go's {@code getScheme}: a letter, then letters, digits, {@code + - .}, then a colon. */
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:.*", Pattern.DOTALL);

    /** @throws ScalerConfigException naming the trigger and everything that is wrong */
    static AwsSqsTrigger parse(TriggerConfig config) {
        List<String> problems = new ArrayList<>(refusals(config));
        AwsSqsParameters parameters = null;
        try {
            parameters = ParameterBinder.bind(config, AwsSqsParameters.class);
        } catch (ScalerConfigException e) {
            problems.addAll(e.problems());
        }
        if (parameters == null) {
            throw new ScalerConfigException(config.label(), problems);
        }
        Optional<String> queueName = queueName(parameters.queueURL());
        if (queueName.isEmpty()) {
            problems.add("cannot get queueName from queueURL");
        }
        AwsCredentials credentials = null;
        AwsCredentials.Choice choice = AwsCredentials.choose(config, parameters.identityOwner());
        if (choice instanceof AwsCredentials.Refused refused) {
            problems.add(refused.problem());
        } else {
            credentials = ((AwsCredentials.Chosen) choice).credentials();
        }
        if (!problems.isEmpty()) {
            throw new ScalerConfigException(config.label(), problems);
        }
        MetricSpec metricSpec = new MetricSpec(
                MetricNames.withIndex(config.triggerIndex(), "aws-sqs-" + queueName.get()),
                config.metricType().orElse(MetricTargetType.AVERAGE_VALUE),
                MilliValue.ofWhole(parameters.queueLength()));
        SqsClients.Key client = new SqsClients.Key(parameters.awsRegion(), parameters.awsEndpoint(), credentials);
        return new AwsSqsTrigger(config.label(), parameters, queueName.get(),
                QueueLength.attributes(parameters.scaleOnInFlight(), parameters.scaleOnDelayed()), client, metricSpec,
                config.timeout());
    }

    /** What KEDA's {@code GetMetricTargetType} refuses before any parameter is read. */
    static List<String> refusals(TriggerConfig config) {
        if (config.metricType().orElse(MetricTargetType.AVERAGE_VALUE) == MetricTargetType.UTILIZATION) {
            return List.of("error getting scaler metric type: 'Utilization' metric type is unsupported for external "
                    + "metrics, allowed values are 'Value' or 'AverageValue'");
        }
        return List.of();
    }

    /**
     * KEDA's rule: what Go's {@code url.ParseRequestURI} accepts (an absolute URL or an absolute path) must have the
     * path {@code /<account>/<queue>}; anything else is the queue's name as written.
     */
    static Optional<String> queueName(String queueURL) {
        if (!queueURL.startsWith("/") && !SCHEME.matcher(queueURL).matches()) {
            return Optional.of(queueURL);
        }
        String path;
        try {
            path = Optional.ofNullable(new URI(queueURL).getPath()).orElse("");
        } catch (URISyntaxException e) {
            return Optional.of(queueURL);
        }
        String[] parts = path.split("/", -1);
        if (parts.length != 3 || parts[2].isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(parts[2]);
    }
}
