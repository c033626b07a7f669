package com.example.filescaler;

import dev.tide.scaler.api.Scaler;
import dev.tide.scaler.api.ScalerFactory;
import dev.tide.scaler.api.TriggerConfig;
import dev.tide.scaler.api.params.ParameterBinder;
import java.util.List;

/**
 * {@code type: file}: the number in a file. Found by Tide through
 * {@code META-INF/services/dev.tide.scaler.api.ScalerFactory}; stateless, so one instance serves every trigger.
 */
public final class FileScalerFactory implements ScalerFactory {

    static final String TYPE = "file";

    @Override
    public String type() {
        return TYPE;
    }

    /** Binds and checks every parameter at once; a bad one is a {@code ScalerConfigException} naming the trigger. */
    @Override
    public Scaler create(TriggerConfig config) {
        return new FileScaler(config, ParameterBinder.bind(config, FileParameters.class));
    }

    @Override
    public List<Class<? extends Record>> parameterTypes() {
        return List.of(FileParameters.class);
    }
}
