package dev.tide.controller.sources;

import dev.tide.scaler.api.ScalerFactory;
import java.util.Optional;
import java.util.Set;

/** The trigger types the controller can build scalers for, and their factories. */
public interface ScalerFactories {

    Optional<ScalerFactory> factory(String type);

    Set<String> types();
}
