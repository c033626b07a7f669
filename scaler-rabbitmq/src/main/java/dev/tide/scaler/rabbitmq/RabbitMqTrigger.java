package dev.tide.scaler.rabbitmq;

import dev.tide.scaler.api.MetricSpec;
import dev.tide.scaler.api.MetricTargetType;
import dev.tide.scaler.api.MilliValue;
import dev.tide.scaler.api.ScalerConfigException;
import dev.tide.scaler.api.TriggerConfig;
import dev.tide.scaler.api.metrics.MetricNames;
import dev.tide.scaler.api.params.ParameterBinder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code rabbitmq} trigger with every parameter bound and every rule of KEDA's {@code Validate} checked, in its words
 * (KEDA stops at the first; Tide reports them all).
 *
 * @param http true for the management API, false for AMQP ({@code protocol: auto} resolved from the host's scheme)
 * @param value the target: {@code value}, or the deprecated {@code queueLength}, or 20 when nothing is set
 * @param connectionName the AMQP connection's name, {@code keda-<namespace>-<name>} as KEDA names it
 * @param timeout the trigger's {@code timeout} when above zero, else the host's
 */
record RabbitMqTrigger(String label, RabbitMqParameters parameters, RabbitMqAuth auth, boolean http, Mode mode,
        double value, MetricSpec metricSpec, String connectionName, Duration timeout) {

    static final String TYPE = "rabbitmq";
    private static final double DEFAULT_QUEUE_LENGTH = 20;
    private static final Pattern SCHEME = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*):");

    /** @throws ScalerConfigException naming the trigger and everything that is wrong */
    static RabbitMqTrigger parse(TriggerConfig config) {
        List<String> problems = new ArrayList<>(refusals(config));
        RabbitMqParameters parameters = null;
        RabbitMqAuth auth = null;
        try {
            parameters = ParameterBinder.bind(config, RabbitMqParameters.class);
        } catch (ScalerConfigException e) {
            problems.addAll(e.problems());
        }
        try {
            auth = ParameterBinder.bind(config, RabbitMqAuth.class);
        } catch (ScalerConfigException e) {
            problems.addAll(e.problems());
        }
        if (!problems.isEmpty() || parameters == null || auth == null) {
            throw new ScalerConfigException(config.label(), problems);
        }
        Optional<Boolean> http = protocol(parameters, problems);
        Optional<Duration> timeout = parameters.timeout().flatMap(text -> duration(text, problems));
        validate(parameters, auth, http, problems);
        Target target = target(parameters, http, timeout, problems);
        if (!problems.isEmpty()) {
            throw new ScalerConfigException(config.label(), problems);
        }
        MetricSpec metricSpec = new MetricSpec(
                MetricNames.withIndex(config.triggerIndex(), "rabbitmq-" + QueryEscape.escape(parameters.queueName())),
                config.metricType().orElse(MetricTargetType.AVERAGE_VALUE), MilliValue.of(target.value()));
        String connectionName = "keda-" + config.scaledObject().namespace() + "-" + config.scaledObject().name();
        return new RabbitMqTrigger(config.label(), parameters, auth, http.orElseThrow(), target.mode(), target.value(),
                metricSpec, connectionName, timeout.filter(d -> !d.isZero()).orElse(config.timeout()));
    }

    /** Refused before binding: a Utilization metric type (KEDA's message). */
    static List<String> refusals(TriggerConfig config) {
        if (config.metricType().orElse(MetricTargetType.AVERAGE_VALUE) == MetricTargetType.UTILIZATION) {
            return List.of("error getting scaler metric type: 'Utilization' metric type is unsupported for external "
                    + "metrics, allowed values are 'Value' or 'AverageValue'");
        }
        return List.of();
    }

    /** KEDA's protocol rules: amqp, http, or auto from the host's scheme. Empty when it cannot be told. */
    private static Optional<Boolean> protocol(RabbitMqParameters parameters, List<String> problems) {
        switch (parameters.protocol()) {
            case "amqp":
                return Optional.of(false);
            case "http":
                return Optional.of(true);
            case "auto":
                break;
            default:
                problems.add("the protocol has to be either `amqp`, `http`, or `auto` but is `" + parameters.protocol() + "`");
                return Optional.empty();
        }
        // Go's url.Parse takes "http://" without a host; java.net.URI does not, so only the scheme is read here.
        Matcher schemeMatch = SCHEME.matcher(parameters.host());
        String scheme = schemeMatch.lookingAt() ? schemeMatch.group(1).toLowerCase(Locale.ROOT) : "";
        return switch (scheme) {
            case "amqp", "amqps" -> Optional.of(false);
            case "http", "https" -> Optional.of(true);
            default -> {
                problems.add("unknown host URL scheme: `" + scheme + "`");
                yield Optional.empty();
            }
        };
    }

    private static void validate(RabbitMqParameters parameters, RabbitMqAuth auth, Optional<Boolean> http,
            List<String> problems) {
        boolean amqp = http.isPresent() && !http.get();
        if (!auth.tls().equals("enable") && !auth.tls().equals("disable")) {
            problems.add("incorrect value for TLS given: " + auth.tls());
        }
        if (auth.cert().isPresent() != auth.key().isPresent()) {
            problems.add("both key and certificate must be provided");
        }
        if (parameters.pageSize() < 1) {
            problems.add("pageSize should be 1 or greater");
        }
        if (auth.username().isPresent() != auth.password().isPresent()) {
            problems.add("username and password must be given together");
        }
        if (auth.workloadIdentityResource().isPresent()) {
            problems.add(amqp ? "workload identity is not supported for the AMQP protocol at the moment"
                    : "workloadIdentityResource (Azure AD workload identity) is not supported by Tide's rabbitmq scaler: "
                    + "authenticate with username and password or OAuth 2.0 client credentials instead");
        }
        boolean anyOAuth = auth.oauthTokenURI().isPresent() || auth.clientId().isPresent() || auth.clientSecret().isPresent();
        if (anyOAuth) {
            if (!auth.oauth()) {
                problems.add("OAuth2 requires tokenUrl clientId and clientSecret to be configured in TriggerAuthentication");
            } else if (amqp) {
                problems.add("OAuth2 authentication is only supported with HTTP protocol, not AMQP");
            } else if (auth.basic() || auth.workloadIdentityResource().isPresent()) {
                problems.add("OAuth2 authentication cannot be combined with username/password authentication or Azure "
                        + "Workload Identity");
            }
        }
        if (parameters.useRegex() && amqp) {
            problems.add("configure useRegex=true only with HTTP protocol");
        }
        if (parameters.excludeUnacknowledged() && amqp) {
            problems.add("configure excludeUnacknowledged=true only with HTTP protocol");
        }
        if (!List.of("sum", "avg", "max").contains(parameters.operation())) {
            problems.add("operation mode " + parameters.operation() + " must be one of sum, avg, max");
        }
    }

    private record Target(Mode mode, double value) {
    }

    /** KEDA's {@code validateTrigger}: mode and value, the deprecated queueLength, or the default QueueLength 20. */
    private static Target target(RabbitMqParameters parameters, Optional<Boolean> http, Optional<Duration> timeout,
            List<String> problems) {
        boolean unknownMode = parameters.mode().equals("Unknown");
        if (http.isPresent() && !http.get() && timeout.filter(d -> !d.isZero()).isPresent()) {
            problems.add("AMQP protocol doesn't support custom timeouts: " + timeout.get().toNanos());
        }
        if (parameters.queueLength() == 0 && unknownMode && parameters.value() == 0) {
            return new Target(Mode.QUEUE_LENGTH, DEFAULT_QUEUE_LENGTH);
        }
        if (parameters.queueLength() != 0) {
            if (!unknownMode || parameters.value() != 0) {
                problems.add("queueLength is deprecated; use mode and value");
            }
            return new Target(Mode.QUEUE_LENGTH, parameters.queueLength());
        }
        if (unknownMode) {
            problems.add("mode must be specified");
            return new Target(Mode.QUEUE_LENGTH, DEFAULT_QUEUE_LENGTH);
        }
        if (parameters.value() == 0) {
            problems.add("value must be specified");
        }
        Optional<Mode> mode = Mode.of(parameters.mode());
        if (mode.isEmpty()) {
            problems.add("trigger mode " + parameters.mode() + " must be one of QueueLength, MessageRate, DeliverGetRate, "
                    + "PublishedToDeliveredRatio or ExpectedQueueConsumptionTime");
            return new Target(Mode.QUEUE_LENGTH, DEFAULT_QUEUE_LENGTH);
        }
        if (mode.get().httpOnly() && http.isPresent() && !http.get()) {
            problems.add("protocol amqp not supported; must be HTTP to use trigger mode " + mode.get());
        }
        return new Target(mode.get(), parameters.value());
    }

    /** KEDA's typed config for a duration: Go's {@code time.ParseDuration}, else whole milliseconds; never negative. */
    static Optional<Duration> duration(String text, List<String> problems) {
        Optional<Duration> parsed = GoDurations.parse(text);
        if (parsed.isEmpty()) {
            problems.add("parameter \"timeout\" value \"" + text + "\" must be either a duration string (e.g. '30s', "
                    + "'5m') or a number of milliseconds");
        } else if (parsed.get().isNegative()) {
            problems.add("parameter \"timeout\" value \"" + text + "\" duration cannot be negative");
            return Optional.empty();
        }
        return parsed;
    }
}
