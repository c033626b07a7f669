package dev.tide.scaler.external;

import dev.tide.scaler.api.Scaler;
import dev.tide.scaler.api.TriggerConfig;

/** {@code type: external}: a KEDA external scaler, asked over gRPC at every poll. */
public final class ExternalScalerFactory extends ExternalFactorySupport {

    /** Used by {@link java.util.ServiceLoader}: shares its channels with {@link ExternalPushScalerFactory}. */
    public ExternalScalerFactory() {
        this(ExternalChannels.shared());
    }

    ExternalScalerFactory(ExternalChannels channels) {
        super(channels);
    }

    @Override
    public String type() {
        return ExternalTrigger.TYPE;
    }

    @Override
    public Scaler create(TriggerConfig config) {
        ExternalTrigger trigger = ExternalTrigger.parse(config);
        return new ExternalScaler(trigger, channel(config, trigger));
    }
}
