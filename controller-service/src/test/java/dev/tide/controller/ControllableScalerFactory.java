package dev.tide.controller;

import dev.tide.scaler.api.MetricSpec;
import dev.tide.scaler.api.MetricTargetType;
import dev.tide.scaler.api.MetricValue;
import dev.tide.scaler.api.MilliValue;
import dev.tide.scaler.api.Scaler;
import dev.tide.scaler.api.ScalerException;
import dev.tide.scaler.api.ScalerFactory;
import dev.tide.scaler.api.ScalerSample;
import dev.tide.scaler.api.TriggerConfig;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory event source the scaling tests steer: {@code type: tide-test}, metadata {@code source} names a
 * {@link Source} whose value, failure or hang the test sets; activation when the value is above
 * {@code activationThreshold} (default 0), as a queue scaler does.
 */
final class ControllableScalerFactory implements ScalerFactory {

    static final String TYPE = "tide-test";

    /** One event source: its value, whether it fails or hangs, and how often it was read. */
    static final class Source {
        volatile long value;
        volatile boolean failing;
        volatile CountDownLatch hang;
        final AtomicInteger reads = new AtomicInteger();

        Source value(long value) {
            this.value = value;
            return this;
        }

        Source failing(boolean failing) {
            this.failing = failing;
            return this;
        }

        /** Every read blocks until {@link #release()}. */
        Source hang() {
            hang = new CountDownLatch(1);
            return this;
        }

        void release() {
            CountDownLatch latch = hang;
            hang = null;
            if (latch != null) {
                latch.countDown();
            }
        }
    }

    static final Map<String, Source> SOURCES = new ConcurrentHashMap<>();

    static Source source(String name) {
        return SOURCES.computeIfAbsent(name, n -> new Source());
    }

    @Override
    public String type() {
        return TYPE;
    }

    /** Released by tests that leave a build hanging; never by the plugin itself. */
    static final CountDownLatch HANGING_CREATE = new CountDownLatch(1);

    /**
     * {@code failCreate: error} throws a {@link NoClassDefFoundError} from {@code create}, as a plugin built against a
     * missing library does; {@code failCreate: hang} blocks {@code create} until the test releases it.
     */
    @Override
    public Scaler create(TriggerConfig config) {
        String failCreate = config.metadata().getOrDefault("failCreate", "");
        if (failCreate.equals("error")) {
            throw new NoClassDefFoundError("com/example/MissingLibrary");
        }
        if (failCreate.equals("hang")) {
            try {
                HANGING_CREATE.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        String name = config.metadata().getOrDefault("source", "default");
        long target = Long.parseLong(config.metadata().getOrDefault("target", "5"));
        long activation = Long.parseLong(config.metadata().getOrDefault("activationThreshold", "0"));
        String metricName = "s" + config.triggerIndex() + "-" + TYPE + "-" + name;
        Source source = source(name);
        return new Scaler() {
            @Override
            public List<MetricSpec> metricSpecs() {
                return List.of(new MetricSpec(metricName, config.metricType().orElse(MetricTargetType.AVERAGE_VALUE),
                        MilliValue.ofWhole(target)));
            }

            @Override
            public ScalerSample sample(String metric) {
                source.reads.incrementAndGet();
                CountDownLatch hang = source.hang;
                if (hang != null) {
                    try {
                        hang.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                if (source.failing) {
                    throw new ScalerException(config.label() + ": source " + name + " is down");
                }
                long value = source.value;
                return ScalerSample.of(new MetricValue(metricName, MilliValue.ofWhole(value)), value > activation);
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public List<Class<? extends Record>> parameterTypes() {
        return List.of();
    }
}
