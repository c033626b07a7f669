package dev.tide.scaler.external;

import dev.tide.scaler.api.Scaler;
import dev.tide.scaler.api.TriggerConfig;

/** {@code type: external-push}: a KEDA external scaler that also pushes activity over {@code StreamIsActive}. */
public final class ExternalPushScalerFactory extends ExternalFactorySupport {

    /** Used by {@link java.util.ServiceLoader}: shares its channels with {@link ExternalScalerFactory}. */
    public ExternalPushScalerFactory() {
        this(ExternalChannels.shared());
    }

    ExternalPushScalerFactory(ExternalChannels channels) {
        super(channels);
    }

    @Override
    public String type() {
        return ExternalTrigger.PUSH_TYPE;
    }

    @Override
    public Scaler create(TriggerConfig config) {
        ExternalTrigger trigger = ExternalTrigger.parse(config);
        return new ExternalPushScaler(trigger, channel(config, trigger), channels);
    }
}
