package dev.tide.controller.reconcile;

import io.javaoperatorsdk.operator.Operator;
import org.springframework.context.SmartLifecycle;

/** Starts the Java Operator SDK's informers and workers with the application context, and stops them with it. */
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
        operator.stop();
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
