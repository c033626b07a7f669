package dev.tide.scaler.external;

import dev.tide.scaler.api.ConnectionKey;
import dev.tide.scaler.api.Scaler;
import dev.tide.scaler.api.ScalerConfigException;
import dev.tide.scaler.api.ScalerFactory;
import dev.tide.scaler.api.TriggerCheck;
import dev.tide.scaler.api.TriggerConfig;
import dev.tide.scaler.api.clients.SharedClients;
import dev.tide.scaler.api.params.ParameterChecks;
import dev.tide.scaler.api.params.Source;
import io.grpc.ManagedChannel;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** What the {@code external} and {@code external-push} factories share: parameters, channels, connection key, checks. */
abstract class ExternalFactorySupport implements ScalerFactory {

    private static final Set<String> TLS_AUTH_PARAMETERS = Set.of("caCert", "tlsClientCert", "tlsClientKey");

    final ExternalChannels channels;
    private final String type;

    ExternalFactorySupport(ExternalChannels channels, String type) {
        this.channels = channels;
        this.type = type;
    }

    /** This type's scaler for a bound trigger and its share of the channel. */
    abstract Scaler scaler(ExternalTrigger trigger, SharedClients.Lease<ManagedChannel> channel);

    @Override
    public final String type() {
        return type;
    }

    /** Bad TLS material is a configuration error naming the parameter, never quoting it. */
    @Override
    public final Scaler create(TriggerConfig config) {
        ExternalTrigger trigger = ExternalTrigger.parse(config);
        SharedClients.Lease<ManagedChannel> channel;
        try {
            channel = channels.acquire(trigger.parameters().channel());
        } catch (IllegalArgumentException e) {
            throw new ScalerConfigException(config, e.getMessage());
        }
        return scaler(trigger, channel);
    }

    @Override
    public List<Class<? extends Record>> parameterTypes() {
        return List.of(ExternalParameters.class);
    }

    /**
     * Triggers of both types on one address and TLS identity share one channel, so they share one guard. Only those
     * inputs count: the rest of the metadata is the server's business, and the target's environment is not ours.
     */
    @Override
    public ConnectionKey connectionKey(TriggerConfig config) {
        Map<String, String> identity = new TreeMap<>();
        ExternalParameters.OWN_METADATA.forEach(key -> {
            String value = config.metadata().get(key);
            if (value != null) {
                identity.put("m:" + key, value);
            }
        });
        TLS_AUTH_PARAMETERS.forEach(key -> {
            String value = config.authParams().get(key);
            if (value != null) {
                identity.put("a:" + key, value);
            }
        });
        return new ConnectionKey(ExternalTrigger.TYPE, identity);
    }

    /** The binder's checks, without its unknown-key warnings: every other key is a parameter of the external scaler. */
    @Override
    public TriggerCheck validate(TriggerConfig config, Set<Source> unresolved) {
        TriggerCheck check = ParameterChecks.check(config, parameterTypes(), unresolved);
        Set<String> own = ExternalParameters.OWN_METADATA;
        return new TriggerCheck(check.errors(), check.warnings().stream()
                .filter(warning -> warning.parameter() == null || own.contains(warning.parameter())
                        || TLS_AUTH_PARAMETERS.contains(warning.parameter()))
                .toList());
    }
}
