package dev.tide.scaler.api;

import dev.tide.scaler.api.params.ParameterChecks;
import dev.tide.scaler.api.params.Source;
import java.util.List;
import java.util.Set;

/**
 * Builds scalers for one trigger type. Found with {@link java.util.ServiceLoader}: a scaler jar lists its
 * implementation in {@code META-INF/services/dev.tide.scaler.api.ScalerFactory}.
 *
 * <p>A factory is stateless and cheap to construct; clients that should be shared between triggers (one per
 * cluster and credential) are the factory's to pool, but every {@link Scaler} it returns owns its share and
 * releases it on {@link Scaler#close()}.
 */
public interface ScalerFactory {

    /** The trigger {@code type} this factory serves, as written in a ScaledObject, e.g. {@code kafka}. */
    String type();

    /**
     * Builds the scaler for one trigger.
     *
     * @throws ScalerConfigException naming the trigger and every bad parameter at once
     */
    Scaler create(TriggerConfig config);

    /**
     * The records whose {@link dev.tide.scaler.api.params.Param}-annotated components describe this scaler's
     * parameters. The parameter reference ({@code docs/scalers.md}) is generated from them.
     */
    List<Class<? extends Record>> parameterTypes();

    /**
     * Which connection this trigger uses (SPI 1.1). Triggers with equal keys share the host's bulkhead and circuit
     * breaker for that event source, so a factory that pools one client per cluster and credential should return
     * the key of that pool, built with {@link ConnectionKey#of} from the parameters that name the cluster.
     *
     * <p>The default counts every input of the trigger: triggers share a guard only when they are identical.
     */
    default ConnectionKey connectionKey(TriggerConfig config) {
        return ConnectionKey.ofAllInputs(config);
    }

    /**
     * What is wrong with a trigger's parameters, found without connecting to the event source (SPI 1.3). The admission
     * webhook, the reconciler and {@code tide lint} call it, so a typo is refused when the object is applied.
     *
     * <p>{@code unresolved} names the sources the caller could not read: offline, the TriggerAuthentication's
     * parameters and the target's environment are unknown, so a parameter that may come from one of them is not
     * reported missing. The default binds every record of {@link #parameterTypes()} and warns of deprecated and unknown
     * metadata keys; a factory with rules across parameters adds them here.
     */
    default TriggerCheck validate(TriggerConfig config, Set<Source> unresolved) {
        return ParameterChecks.check(config, parameterTypes(), unresolved);
    }
}
