package com.example.filescaler;

import dev.tide.scaler.api.params.Param;

/**
 * The trigger's parameters: each component is one parameter, read from the trigger's metadata by
 * {@code ParameterBinder.bind}. The descriptions become the plugin's parameter reference, and the test kit fails the
 * build when one is missing.
 */
record FileParameters(
        @Param(description = "path of a file holding one number, such as `/var/run/queue/length`")
        String path,

        @Param(min = 0, minExclusive = true, description = "target value per replica (the HPA target)")
        double targetValue,

        @Param(defaultValue = "0", description = "the trigger is active when the number is above this")
        double activationTargetValue) {
}
