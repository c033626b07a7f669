package dev.tide.scaler.awssqs;

import dev.tide.scaler.api.ConnectionKey;
import dev.tide.scaler.api.Scaler;
import dev.tide.scaler.api.ScalerConfigException;
import dev.tide.scaler.api.ScalerFactory;
import dev.tide.scaler.api.TriggerCheck;
import dev.tide.scaler.api.TriggerConfig;
import dev.tide.scaler.api.clients.SharedClients;
import dev.tide.scaler.api.params.ParameterChecks;
import dev.tide.scaler.api.params.Source;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import software.amazon.awssdk.core.exception.SdkException;

/** {@code type: aws-sqs-queue}: the approximate length of an Amazon SQS queue, as KEDA's aws-sqs-queue scaler reads it. */
public final class AwsSqsScalerFactory implements ScalerFactory {

    /** The metadata that picks the region, endpoint and credentials; the queue and its targets are not part of it. */
    private static final Set<String> CONNECTION_METADATA = Set.of("awsRegion", "awsEndpoint", "identityOwner",
            "awsAccessKeyID", "awsAccessKeyIDFromEnv", "awsSecretAccessKeyFromEnv");

    private final SqsClients clients;

    /** Used by {@link java.util.ServiceLoader}: every factory shares one pool of clients. */
    public AwsSqsScalerFactory() {
        this(SqsClients.shared());
    }

    AwsSqsScalerFactory(SqsClients clients) {
        this.clients = clients;
    }

    @Override
    public String type() {
        return AwsSqsTrigger.TYPE;
    }

    @Override
    public Scaler create(TriggerConfig config) {
        AwsSqsTrigger trigger = AwsSqsTrigger.parse(config);
        SharedClients.Lease<SqsClients.Client> client;
        try {
            client = clients.acquire(trigger.client());
        } catch (IllegalArgumentException | SdkException e) {
            throw new ScalerConfigException(config, "error when creating sqs client: "
                    + SqsErrors.redact(String.valueOf(e.getMessage()), trigger.client().credentials()));
        }
        return new AwsSqsScaler(trigger, client);
    }

    @Override
    public List<Class<? extends Record>> parameterTypes() {
        return List.of(AwsSqsParameters.class, AwsAuthParameters.class);
    }

    /**
     * Triggers in one region and endpoint with one credential share one guard, as they share one client: the region,
     * endpoint, identity owner, pod identity and every credential input count; the queue and thresholds do not.
     */
    @Override
    public ConnectionKey connectionKey(TriggerConfig config) {
        Map<String, String> identity = new TreeMap<>(ConnectionKey.of(config, CONNECTION_METADATA).identity());
        identity.put("p:provider", String.valueOf(config.podIdentity().provider()));
        config.podIdentity().roleArn().ifPresent(role -> identity.put("p:roleArn", role));
        return new ConnectionKey(AwsSqsTrigger.TYPE, identity);
    }

    /**
     * The binder's checks and the metric type; when every source is known (not offline), also the queue URL and the
     * choice of credentials, exactly as {@link #create} would refuse them.
     */
    @Override
    public TriggerCheck validate(TriggerConfig config, Set<Source> unresolved) {
        TriggerCheck check = ParameterChecks.check(config, parameterTypes(), unresolved);
        List<TriggerCheck.Issue> errors = new ArrayList<>(check.errors());
        AwsSqsTrigger.refusals(config).forEach(refusal -> errors.add(new TriggerCheck.Issue(null, refusal)));
        if (unresolved.isEmpty() && errors.isEmpty()) {
            try {
                AwsSqsTrigger.parse(config);
            } catch (ScalerConfigException e) {
                e.problems().forEach(problem -> errors.add(new TriggerCheck.Issue(null, problem)));
            }
        }
        return new TriggerCheck(errors, check.warnings());
    }

    /** How many SQS clients the factories' pool holds now (for tests: triggers with one key share one). */
    int clientCount() {
        return clients.size();
    }
}
