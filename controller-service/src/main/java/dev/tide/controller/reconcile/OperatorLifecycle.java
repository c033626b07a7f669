package dev.tide.controller.reconcile;

import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.RuntimeInfo;
import java.util.Optional;
import org.springframework.context.SmartLifecycle;

/**
 * Starts the Java Operator SDK's informers and workers with the application context, and stops them with it. The
 * start waits until the informers have synced (or fails after {@code tide.controller.cache-sync-timeout}).
 */
final class OperatorLifecycle implements SmartLifecycle {

    private final Operator operator;
    private volatile boolean running;

    OperatorLifecycle(Operator operator) {
        this.operator = operator;
    }

    @Override
    public void start() {
        operator.start();
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        operator.stop();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Before the leader election (phase {@code DEFAULT_PHASE - 100}), after the web servers. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 200;
    }

    /**
     * The SDK's view of its controllers once {@link #start()} has returned, else empty: asked while the operator was
     * starting, its health view answered only once the informers had synced (ReadinessIT saw probes wait that long),
     * and a readiness probe must answer at once.
     */
    Optional<RuntimeInfo> runtimeInfo() {
        return running ? Optional.of(operator.getRuntimeInfo()) : Optional.empty();
    }
}
