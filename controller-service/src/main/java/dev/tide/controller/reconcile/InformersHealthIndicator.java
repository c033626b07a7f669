package dev.tide.controller.reconcile;

import io.javaoperatorsdk.operator.RegisteredController;
import io.javaoperatorsdk.operator.RuntimeInfo;
import io.javaoperatorsdk.operator.health.InformerHealthIndicator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Readiness (component {@code informers}): out of service until the operator has started and every informer of its
 * controllers (ScaledObjects, ScaledJobs and the watched HPAs, per namespace) has synced, so a replica whose cache
 * is still filling takes no traffic. The Java Operator SDK's own health view is read, not a second bookkeeping.
 */
final class InformersHealthIndicator implements HealthIndicator {

    private final OperatorLifecycle operator;

    InformersHealthIndicator(OperatorLifecycle operator) {
        this.operator = operator;
    }

    @Override
    @SuppressWarnings("unchecked") // the SDK's ControllerHealthInfo returns raw types
    public Health health() {
        Optional<RuntimeInfo> started = operator.runtimeInfo();
        if (started.isEmpty()) {
            return Health.outOfService().withDetail("operator", "not started").build();
        }
        RuntimeInfo runtime = started.get();
        List<String> unsynced = new ArrayList<>();
        for (RegisteredController<?> controller : runtime.getRegisteredControllers()) {
            String name = controller.getConfiguration().getName();
            controller.getControllerHealthInfo().informerEventSourceHealthIndicators().forEach((source, indicator) -> {
                Map<String, InformerHealthIndicator> informers = indicator.informerHealthIndicators();
                informers.forEach((namespace, informer) -> {
                    if (!informer.hasSynced()) {
                        unsynced.add(name + "/" + source + " in " + namespace);
                    }
                });
            });
        }
        return (unsynced.isEmpty() ? Health.up() : Health.outOfService()).withDetail("unsynced", unsynced).build();
    }
}
