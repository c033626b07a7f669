package dev.tide.scaler.cpumemory;

import dev.tide.scaler.api.Scaler;
import dev.tide.scaler.api.ScalerConfigException;
import dev.tide.scaler.api.ScalerFactory;
import dev.tide.scaler.api.TriggerCheck;
import dev.tide.scaler.api.TriggerConfig;
import dev.tide.scaler.api.params.ParameterBinder;
import dev.tide.scaler.api.params.ParameterChecks;
import dev.tide.scaler.api.params.Source;
import java.util.List;
import java.util.Set;

/**
 * {@code cpu} and {@code memory} triggers: nothing is polled. The HPA reads the pods' usage from the metrics server
 * through the {@code Resource} (or {@code ContainerResource}) metric the controller writes into it, so the host builds
 * no scaler for them; this factory gives their parameters, the reference and the checks the webhook, the reconciler
 * and {@code tide lint} run.
 */
abstract class ResourceScalerFactory implements ScalerFactory {

    private final String type;

    ResourceScalerFactory(String type) {
        this.type = type;
    }

    @Override
    public final String type() {
        return type;
    }

    @Override
    public final List<Class<? extends Record>> parameterTypes() {
        return List.of(ResourceParameters.class);
    }

    /** The binder's checks, then the value against the trigger's {@code metricType}, as KEDA parses them. */
    @Override
    public final TriggerCheck validate(TriggerConfig config, Set<Source> unresolved) {
        TriggerCheck check = ParameterChecks.check(config, parameterTypes(), unresolved);
        String value = config.metadata().get("value");
        if (!check.errors().isEmpty() || value == null) {
            return check;
        }
        return ResourceTarget.problem(config.metricType(), value.trim())
                .map(problem -> check.and(new TriggerCheck(List.of(new TriggerCheck.Issue("value", problem)), List.of())))
                .orElse(check);
    }

    /** Checks the trigger as KEDA's constructor does, then says why there is no scaler to build. */
    @Override
    public final Scaler create(TriggerConfig config) {
        ResourceParameters parameters = ParameterBinder.bind(config, ResourceParameters.class);
        ResourceTarget.problem(config.metricType(), parameters.value()).ifPresent(problem -> {
            throw new ScalerConfigException(config, problem);
        });
        throw new ScalerConfigException(config, type + " triggers are not polled: the HPA reads the pods' usage from the"
                + " metrics server through the Resource metric the controller writes");
    }
}
