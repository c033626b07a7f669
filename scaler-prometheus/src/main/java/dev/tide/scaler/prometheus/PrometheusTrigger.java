package dev.tide.scaler.prometheus;

import dev.tide.scaler.api.MetricSpec;
import dev.tide.scaler.api.MetricTargetType;
import dev.tide.scaler.api.MilliValue;
import dev.tide.scaler.api.PodIdentity;
import dev.tide.scaler.api.ScalerConfigException;
import dev.tide.scaler.api.TriggerConfig;
import dev.tide.scaler.api.metrics.MetricNames;
import dev.tide.scaler.api.params.ParameterBinder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * One {@code prometheus} trigger, bound and checked (KEDA's {@code NewPrometheusScaler} up to the HTTP client).
 *
 * @param timeout the trigger's {@code timeout} when it sets one above zero, else the host's
 */
record PrometheusTrigger(String label, PrometheusParameters parameters, AuthParameters auth, MetricSpec metricSpec,
        Duration timeout) {

    static final String TYPE = "prometheus";

    /** @throws ScalerConfigException naming the trigger and everything that is wrong */
    static PrometheusTrigger parse(TriggerConfig config) {
        List<String> problems = new ArrayList<>(refusals(config));
        PrometheusParameters parameters = null;
        AuthParameters auth = null;
        try {
            parameters = ParameterBinder.bind(config, PrometheusParameters.class);
        } catch (ScalerConfigException e) {
            problems.addAll(e.problems());
        }
        try {
            auth = ParameterBinder.bind(config, AuthParameters.class);
        } catch (ScalerConfigException e) {
            problems.addAll(e.problems());
        }
        if (!problems.isEmpty()) {
            throw new ScalerConfigException(config.label(), problems);
        }
        MetricSpec metricSpec = new MetricSpec(MetricNames.withIndex(config.triggerIndex(), TYPE),
                config.metricType().orElse(MetricTargetType.AVERAGE_VALUE), MilliValue.of(parameters.threshold()));
        return new PrometheusTrigger(config.label(), parameters, auth, metricSpec,
                parameters.requestTimeout().orElse(config.timeout()));
    }

    /**
     * What is refused before any parameter is bound: a {@code Utilization} metric type, a pod identity beside
     * {@code authModes} (KEDA's rule), and the cloud identities KEDA's scaler applies when no {@code authModes} is
     * set (Azure Monitor, Google Cloud and AWS SigV4), which Tide does not implement.
     */
    static List<String> refusals(TriggerConfig config) {
        List<String> refusals = new ArrayList<>();
        if (config.metricType().orElse(MetricTargetType.AVERAGE_VALUE) == MetricTargetType.UTILIZATION) {
            refusals.add("error getting scaler metric type: 'Utilization' metric type is unsupported for external "
                    + "metrics, allowed values are 'Value' or 'AverageValue'");
        }
        PodIdentity identity = config.podIdentity();
        if (authModesSet(config)) {
            if (!identity.isNone()) {
                refusals.add("pod identity cannot be enabled with other auth types");
            }
            return refusals;
        }
        String unsupported = " is not supported by Tide's prometheus scaler: authenticate with authModes "
                + "(bearer, basic, tls, custom, oauth or apiKey) instead";
        if ("azure-workload".equals(identity.provider())) {
            refusals.add("podIdentity azure-workload (Azure Monitor managed Prometheus)" + unsupported);
        }
        if ("gcp".equals(identity.provider()) || present(config.authParams().get("GoogleApplicationCredentials"))
                || present(config.metadata().get("credentialsFromEnv"))
                || present(config.metadata().get("credentialsFromEnvFile"))) {
            refusals.add("Google Cloud credentials (podIdentity gcp, GoogleApplicationCredentials, credentialsFromEnv "
                    + "or credentialsFromEnvFile; Google Cloud Managed Service for Prometheus)" + unsupported);
        }
        if (awsSigV4(config)) {
            refusals.add("AWS SigV4 signing (podIdentity aws, identityOwner operator, awsRoleArn or AWS access keys; "
                    + "Amazon Managed Service for Prometheus)" + unsupported);
        }
        return refusals;
    }

    /** KEDA's {@code GetAwsAuthorization} finds credentials: then its scaler signs every request with SigV4. */
    private static boolean awsSigV4(TriggerConfig config) {
        if ("aws".equals(config.podIdentity().provider()) || "operator".equals(config.metadata().get("identityOwner"))) {
            return true;
        }
        return Stream.of("awsRoleArn", "awsAccessKeyID", "awsAccessKeyId").anyMatch(key -> present(config.authParams().get(key)))
                || present(config.metadata().get("awsAccessKeyID")) || present(config.metadata().get("awsAccessKeyIDFromEnv"));
    }

    private static boolean authModesSet(TriggerConfig config) {
        return Stream.of("authModes", "authMode").anyMatch(key -> present(config.metadata().get(key))
                || present(config.authParams().get(key)));
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
