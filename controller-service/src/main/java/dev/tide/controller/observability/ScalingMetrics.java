package dev.tide.controller.observability;

import dev.tide.scaler.api.MetricSpec;
import dev.tide.scaler.api.TriggerConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;

/**
 * KEDA's Prometheus series ({@code pkg/metricscollector/prommetrics.go}, keda-reference §7) with KEDA's names and
 * labels, so existing dashboards and alerts keep working, plus Tide's loop-lag histogram.
 *
 * <p>Micrometer names are dotted; the Prometheus registry turns {@code keda.scaler.active} into
 * {@code keda_scaler_active} and appends {@code _total} to counters. KEDA's two "registered_total" series are gauges
 * whose name ends in {@code _total}, which the Prometheus client refuses for a gauge; they are registered as gauges
 * {@code keda.resource.registered} and {@code keda.trigger.registered}, and {@link KedaNamesScrapeEndpoint} gives
 * them KEDA's names in the scrape.
 *
 * <p>Tide's own series, for what KEDA has no series for: {@code tide_controller_leader},
 * {@code tide_controller_owned_objects},
 * {@code tide_scaled_object_fallback_active}, {@code tide_scaled_object_activations_total} and the loop histograms.
 */
public final class ScalingMetrics {

    static final String TYPE_SCALED_OBJECT = "scaledobject";
    static final String TYPE_SCALED_JOB = "scaledjob";
    /** KEDA's {@code type} of {@code keda_resource_registered_total}, spelled as its metricscollector spells it. */
    static final String RESOURCE_SCALED_OBJECT = "scaled_object";
    static final String RESOURCE_SCALED_JOB = "scaled_job";
    /** One string per small trigger index instead of one per series (there are tens of thousands of series). */
    private static final String[] TRIGGER_INDEXES = {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"};

    /**
     * KEDA's label set {@code L}: namespace, metric, scaledObject, scaler, triggerIndex, type. A ScaledJob's name goes
     * in {@code scaledObject} too, with type {@code scaledjob}, as in KEDA.
     */
    public record TriggerLabels(String namespace, String scaledObject, String scaler, int triggerIndex, String metric, String type) {

        /** KEDA's {@code scaler} label is the trigger's name, or its scaler's Go type when unnamed ({@link KedaScalerNames}). */
        public static TriggerLabels of(TriggerConfig config, MetricSpec spec) {
            return new TriggerLabels(config.scaledObject().namespace(), config.scaledObject().name(),
                    config.triggerName().orElse(KedaScalerNames.of(config.type())), config.triggerIndex(), spec.metricName(),
                    type(config.scaledObject().kind().toLowerCase(Locale.ROOT)));
        }

        /** The constant for a known type, rather than a copy per trigger. */
        private static String type(String lowerCaseKind) {
            return TYPE_SCALED_OBJECT.equals(lowerCaseKind) ? TYPE_SCALED_OBJECT
                    : TYPE_SCALED_JOB.equals(lowerCaseKind) ? TYPE_SCALED_JOB : lowerCaseKind;
        }

        Tags tags() {
            return Tags.of("namespace", namespace, "metric", metric, "scaledObject", scaledObject, "scaler", scaler,
                    "triggerIndex", triggerIndex < TRIGGER_INDEXES.length ? TRIGGER_INDEXES[triggerIndex] : Integer.toString(triggerIndex),
                    "type", type);
        }
    }

    /**
     * One trigger's series, looked up once when its loop registers, so a pass only sets numbers. A series KEDA does
     * not export for this trigger has no holder and its setter does nothing.
     *
     * <p>Meters of a ScaledObject's loop ({@link #loopTriggerMeters}) are held here, not in a map of the registry's
     * ids, and are in the registry only between {@link #attach} and {@link #detach}: while this replica drives the
     * loop. The numbers stay here in between, so a loop that comes back exports what it last had.
     */
    public static final class TriggerMeters {
        private final ScalingMetrics owner;
        private final Tags tags;
        private final AtomicLong value;
        private final AtomicLong latency;
        private final AtomicLong active;
        private final AtomicLong errors;
        /** Null while detached; guarded by this object's monitor. */
        private List<Meter> attached;

        private TriggerMeters(ScalingMetrics owner, Tags tags, AtomicLong value, AtomicLong latency, AtomicLong active,
                AtomicLong errors) {
            this.owner = owner;
            this.tags = tags;
            this.value = value;
            this.latency = latency;
            this.active = active;
            this.errors = errors;
        }

        /** Whether these are the meters a loop would build for {@code labels} (so they can be kept on a re-registration). */
        public boolean sameSeries(TriggerLabels labels, boolean withActivity) {
            return owner != null && latency != null && (active != null) == withActivity && tags.equals(labels.tags());
        }

        public void value(double v) {
            value.set(Double.doubleToLongBits(v));
        }

        public void latency(Duration d) {
            if (latency == null) {
                return;
            }
            latency.set(Double.doubleToLongBits(d.toNanos() / 1e9));
        }

        public void active(boolean a) {
            if (active == null) {
                return;
            }
            active.set(Double.doubleToLongBits(a ? 1 : 0));
        }

        public void error() {
            if (errors == null) {
                return;
            }
            errors.incrementAndGet();
        }

        /** Puts a loop's series in the registry (this replica drives the loop now); a no-op when they are there. */
        public synchronized void attach() {
            if (owner == null || attached != null) {
                return;
            }
            List<Meter> meters = new ArrayList<>(4);
            meters.add(owner.bitsGauge("keda.scaler.metrics.value", tags, value));
            if (latency != null) {
                meters.add(owner.bitsGauge("keda.scaler.metrics.latency.seconds", tags, latency));
            }
            if (active != null) {
                meters.add(owner.bitsGauge("keda.scaler.active", tags, active));
            }
            if (errors != null) {
                meters.add(owner.errorCounter(tags, errors));
            }
            attached = meters;
        }

        /** Takes a loop's series out of the registry (its loop stopped here, or these meters were replaced). */
        public synchronized void detach() {
            if (attached != null) {
                attached.forEach(owner.registry::remove);
                attached = null;
            }
        }
    }

    final MeterRegistry registry;
    private final Timer.Builder lagTimer;
    final Timer lagHistogram;
    private final Timer passDuration;
    /** Holders of the series not held by a loop (ScaledJobs', paused ScaledObjects'), by the registry's id. */
    private final Map<Meter.Id, AtomicLong> sharedHolders = new ConcurrentHashMap<>();
    private final Map<String, DoubleAdder> resourcesPerNamespace = new ConcurrentHashMap<>();
    private final Map<String, DoubleAdder> triggersPerType = new ConcurrentHashMap<>();

    public ScalingMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.lagTimer = Timer.builder("tide.scale.loop.lag")
                .description("Actual minus scheduled start of a scale-loop pass")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30));
        this.lagHistogram = lagTimer.register(registry);
        this.passDuration = Timer.builder("tide.scale.loop.pass.duration")
                .description("Start to finish of a scale-loop pass: reads, decision and hand-over of its writes")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(60))
                .register(registry);
    }

    /** One pass from its start to the hand-over of its writes; lag says when it started, this how long it took. */
    public void passDuration(Duration duration) {
        passDuration.record(duration);
    }

    /**
     * A trigger's series, in the registry at once and shared by every caller with the same labels (the ScaledJob
     * loops). With {@code withActivity} false (the ScaledObject uses scalingModifiers) there is no
     * {@code keda_scaler_active} for it: KEDA reports activity for the composite metric only.
     */
    public TriggerMeters triggerMeters(TriggerLabels labels, boolean withActivity) {
        Tags tags = labels.tags();
        return new TriggerMeters(null, tags, gaugeHolder("keda.scaler.metrics.value", tags),
                gaugeHolder("keda.scaler.metrics.latency.seconds", tags), withActivity ? gaugeHolder("keda.scaler.active", tags) : null,
                sharedHolder(new Meter.Id("keda.scaler.detail.errors", tags, null, null, Meter.Type.COUNTER),
                        holder -> errorCounter(tags, holder)));
    }

    /** A ScaledObject loop's series of one trigger, held by the loop, in the registry once {@link TriggerMeters#attach}ed. */
    public TriggerMeters loopTriggerMeters(TriggerLabels labels, boolean withActivity) {
        return new TriggerMeters(this, labels.tags(), new AtomicLong(), new AtomicLong(), withActivity ? new AtomicLong() : null,
                new AtomicLong());
    }

    /**
     * The composite metric's value and activity, labelled as KEDA labels them: {@code scaler} and {@code metric}
     * {@code composite-metric}, {@code triggerIndex} 0; held by the loop like {@link #loopTriggerMeters}.
     */
    public TriggerMeters compositeMeters(String namespace, String scaledObject, String compositeMetricName) {
        Tags tags = new TriggerLabels(namespace, scaledObject, compositeMetricName, 0, compositeMetricName, TYPE_SCALED_OBJECT).tags();
        return new TriggerMeters(this, tags, new AtomicLong(), null, new AtomicLong(), null);
    }

    /** A ScaledObject loop's own series, in the registry once {@link ObjectMeters#attach}ed. */
    public ObjectMeters objectMeters(String namespace, String scaledObject) {
        // The keda_scaled_object_paused it had while paused outright (without a loop) gives way to the loop's.
        removeShared("keda.scaled.object.paused", Tags.of("namespace", namespace, "scaledObject", scaledObject));
        return new ObjectMeters(this, namespace, scaledObject);
    }

    /** The last pass's lag into KEDA's gauge, and every pass's lag into Tide's histogram. */
    public void loopLag(AtomicLong gauge, Duration lag) {
        gauge.set(Double.doubleToLongBits(lag.toNanos() / 1e9));
        lagHistogram.record(lag);
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** {@code keda_scaled_job_errors_total}: a pass of a ScaledJob's loop in which a trigger failed. */
    public void scaledJobError(String namespace, String scaledJob) {
        Counter.builder("keda.scaled.job.errors").tags("namespace", namespace, "scaledJob", scaledJob)
                .register(registry).increment();
    }

    /** KEDA's {@code keda_internal_scale_loop_latency_seconds} for one ScaledJob. */
    public AtomicLong jobLoopLatencyGauge(String namespace, String scaledJob) {
        return gaugeHolder("keda.internal.scale.loop.latency.seconds",
                Tags.of("namespace", namespace, "type", TYPE_SCALED_JOB, "resource", scaledJob));
    }

    public void scaledObjectError(String namespace, String scaledObject) {
        Counter.builder("keda.scaled.object.errors").tags("namespace", namespace, "scaledObject", scaledObject)
                .register(registry).increment();
    }

    /**
     * {@code tide_controller_leader}: 1 while this replica runs the scale loops and answers the metrics API; when
     * sharded, while its member Lease is valid and it drives its share.
     */
    public void leader(BooleanSupplier leading) {
        Gauge.builder("tide.controller.leader", leading, l -> l.getAsBoolean() ? 1 : 0)
                .description("1 while this replica leads: it runs the scale loops and answers the metrics API")
                // The supplier is a method reference nothing else holds: a weak one would read NaN after a GC.
                .strongReference(true)
                .register(registry);
    }

    /**
     * {@code tide_controller_owned_objects{kind}}: how many ScaledObjects or ScaledJobs this replica drives now (all it
     * has registered while it leads, its share when sharded, 0 on a standby or a replica whose member Lease lapsed).
     */
    public void ownedObjects(String kind, IntSupplier driven) {
        Gauge.builder("tide.controller.owned.objects", driven, IntSupplier::getAsInt)
                .description("ScaledObjects or ScaledJobs whose loops this replica runs now")
                .tags("kind", kind)
                .strongReference(true)
                .register(registry);
    }

    /**
     * {@code tide_scaled_object_activations_total}: a {@code /scale} write that took the target from idle to active
     * ({@code transition="activated"}) or back ({@code "deactivated"}), as KEDA's KEDAScaleTargetActivated and
     * KEDAScaleTargetDeactivated events say.
     */
    public void activation(String namespace, String scaledObject, boolean activated) {
        Counter.builder("tide.scaled.object.activations").description("Scale-target activations and deactivations written")
                .tags("namespace", namespace, "scaledObject", scaledObject, "transition", activated ? "activated" : "deactivated")
                .register(registry).increment();
    }

    /** {@code keda_scaled_object_paused} of a ScaledObject paused outright, which has no loop (and so no {@link ObjectMeters}). */
    public void paused(String namespace, String scaledObject, boolean paused) {
        gauge("keda.scaled.object.paused", Tags.of("namespace", namespace, "scaledObject", scaledObject), paused ? 1 : 0);
    }

    public Timer lagHistogram() {
        return lagHistogram;
    }

    /** A ScaledObject and its triggers start being scaled ({@code keda_resource/trigger_registered_total}, {@code type="scaled_object"}). */
    public void registered(String namespace, List<String> triggerTypes) {
        count(RESOURCE_SCALED_OBJECT, namespace, triggerTypes, 1);
    }

    public void unregistered(String namespace, List<String> triggerTypes) {
        count(RESOURCE_SCALED_OBJECT, namespace, triggerTypes, -1);
    }

    /** A ScaledJob and its triggers start being scaled ({@code type="scaled_job"}). */
    public void registeredJob(String namespace, List<String> triggerTypes) {
        count(RESOURCE_SCALED_JOB, namespace, triggerTypes, 1);
    }

    public void unregisteredJob(String namespace, List<String> triggerTypes) {
        count(RESOURCE_SCALED_JOB, namespace, triggerTypes, -1);
    }

    private void count(String resource, String namespace, List<String> triggerTypes, int delta) {
        registeredCounter("keda.resource.registered", Tags.of("type", resource, "namespace", namespace),
                resourcesPerNamespace, resource + "/" + namespace).add(delta);
        triggerTypes.forEach(type -> registeredCounter("keda.trigger.registered", Tags.of("type", type), triggersPerType, type).add(delta));
    }

    /** Drops a ScaledObject's per-trigger and per-object series when its loop goes away. */
    public void forget(String namespace, String scaledObject) {
        forget(namespace, scaledObject, TYPE_SCALED_OBJECT, "keda.scaled.job.", "tide.scaled.object.");
    }

    /** Drops a ScaledJob's series when its loop goes away; a ScaledObject of the same name keeps its own. */
    public void forgetJob(String namespace, String scaledJob) {
        forget(namespace, scaledJob, TYPE_SCALED_JOB, "keda.scaled.object.", "tide.scaled.object.");
    }

    private void forget(String namespace, String name, String type, String... otherKindsPrefixes) {
        for (Meter meter : registry.getMeters()) {
            Meter.Id id = meter.getId();
            String owner = id.getTag("scaledObject") != null ? id.getTag("scaledObject")
                    : id.getTag("resource") != null ? id.getTag("resource") : id.getTag("scaledJob");
            boolean sameKind = (id.getTag("type") == null || type.equals(id.getTag("type")))
                    && Arrays.stream(otherKindsPrefixes).noneMatch(id.getName()::startsWith);
            boolean perObject = id.getName().startsWith("keda.") || id.getName().startsWith("tide.scaled.object.");
            if (namespace.equals(id.getTag("namespace")) && name.equals(owner) && sameKind && perObject) {
                registry.remove(meter);
                sharedHolders.remove(id);
            }
        }
    }

    /** A gauge of the current count; {@link KedaNamesScrapeEndpoint} appends KEDA's {@code _total} in the scrape. */
    private DoubleAdder registeredCounter(String name, Tags tags, Map<String, DoubleAdder> counts, String key) {
        return counts.computeIfAbsent(key, k -> {
            DoubleAdder adder = new DoubleAdder();
            Gauge.builder(name, adder, DoubleAdder::sum).tags(tags).register(registry);
            return adder;
        });
    }

    private void gauge(String name, Tags tags, double value) {
        gaugeHolder(name, tags).set(Double.doubleToLongBits(value));
    }

    /** A gauge reading a double kept as bits in an AtomicLong; one holder per name and tags. */
    private AtomicLong gaugeHolder(String name, Tags tags) {
        return sharedHolder(new Meter.Id(name, tags, null, null, Meter.Type.GAUGE), holder -> bitsGauge(name, tags, holder));
    }

    private AtomicLong sharedHolder(Meter.Id id, Consumer<AtomicLong> register) {
        return sharedHolders.computeIfAbsent(id, k -> {
            AtomicLong holder = new AtomicLong();
            register.accept(holder);
            return holder;
        });
    }

    void removeShared(String name, Tags tags) {
        Meter.Id id = new Meter.Id(name, tags, null, null, Meter.Type.GAUGE);
        if (sharedHolders.remove(id) != null) {
            registry.removeByPreFilterId(id);
        }
    }

    Gauge bitsGauge(String name, Tags tags, AtomicLong holder) {
        return Gauge.builder(name, holder, h -> Double.longBitsToDouble(h.get())).tags(tags).register(registry);
    }

    /** {@code keda_scaler_detail_errors_total}, counted in a holder so that it survives its loop's detach and attach. */
    private FunctionCounter errorCounter(Tags tags, AtomicLong holder) {
        return FunctionCounter.builder("keda.scaler.detail.errors", holder, AtomicLong::get).tags(tags).register(registry);
    }
}
