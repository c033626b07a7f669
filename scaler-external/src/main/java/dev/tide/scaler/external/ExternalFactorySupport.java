package dev.tide.scaler.external;

import dev.tide.scaler.api.ConnectionKey;
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

    ExternalFactorySupport(ExternalChannels channels) {
        this.channels = channels;
    }

    /** The channel for a trigger; bad TLS material is a configuration error naming the parameter. */
    SharedClients.Lease<ManagedChannel> channel(TriggerConfig config, ExternalTrigger trigger) {
        try {
            return channels.acquire(trigger.parameters().channel());
        } catch (IllegalArgumentException e) {
            throw new ScalerConfigException(config, e.getMessage());
        }
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
