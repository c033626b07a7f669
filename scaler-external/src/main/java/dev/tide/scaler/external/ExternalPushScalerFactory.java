package dev.tide.scaler.external;

import dev.tide.scaler.api.Scaler;
import dev.tide.scaler.api.clients.SharedClients;
import io.grpc.ManagedChannel;

/** {@code type: external-push}: a KEDA external scaler that also pushes activity over {@code StreamIsActive}. */
public final class ExternalPushScalerFactory extends ExternalFactorySupport {

    /** Used by {@link java.util.ServiceLoader}: shares its channels with {@link ExternalScalerFactory}. */
    public ExternalPushScalerFactory() {
        this(ExternalChannels.shared());
    }

    ExternalPushScalerFactory(ExternalChannels channels) {
        super(channels, ExternalTrigger.PUSH_TYPE);
    }

    @Override
    Scaler scaler(ExternalTrigger trigger, SharedClients.Lease<ManagedChannel> channel) {
        return new ExternalPushScaler(trigger, channel, channels);
    }
}
