package dev.tide.scaler.external;

import dev.tide.scaler.api.Scaler;
import dev.tide.scaler.api.clients.SharedClients;
import io.grpc.ManagedChannel;

/** {@code type: external}: a KEDA external scaler, asked over gRPC at every poll. */
public final class ExternalScalerFactory extends ExternalFactorySupport {

    /** Used by {@link java.util.ServiceLoader}: shares its channels with {@link ExternalPushScalerFactory}. */
    public ExternalScalerFactory() {
        this(ExternalChannels.shared());
    }

    ExternalScalerFactory(ExternalChannels channels) {
        super(channels, ExternalTrigger.TYPE);
    }

    @Override
    Scaler scaler(ExternalTrigger trigger, SharedClients.Lease<ManagedChannel> channel) {
        return new ExternalScaler(trigger, channel);
    }
}
