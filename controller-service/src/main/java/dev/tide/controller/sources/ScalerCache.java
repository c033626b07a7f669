package dev.tide.controller.sources;

import dev.tide.controller.kube.ObjectKey;
import dev.tide.scaler.api.ConnectionKey;
import dev.tide.scaler.api.MetricSpec;
import dev.tide.scaler.api.PushScaler;
import dev.tide.scaler.api.Scaler;
import dev.tide.scaler.api.ScalerConfigException;
import dev.tide.scaler.api.ScalerException;
import dev.tide.scaler.api.ScalerFactory;
import dev.tide.scaler.api.TriggerConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scalers of every ScaledObject, one per trigger. They are built when a ScaledObject's trigger configs change
 * (its spec, or a Secret or env value they read) and kept otherwise, so an annotation edit or a status write does
 * not reconnect to Kafka. Replaced and removed scalers are closed.
 *
 * <p>Plugin code never runs on the caller's thread: {@code create}, {@code connectionKey}, {@code metricSpecs} and
 * {@code close} run on the plugin-call pool. The caller waits at most the plugin-call timeout; a build still running
 * then stays pending, and later calls for the same configs take its result or fail at once instead of waiting
 * again, so a plugin that hangs in {@code create()} holds one pool thread and no reconcile thread. Anything a
 * plugin throws, {@code Error}s included, fails that ScaledObject's build with a message naming the trigger.
 *
 * <p>A {@link PushScaler} starts pushing as soon as it is built, its requests for a pass going to {@link PassRequests}.
 * A trigger that named no metric (an external scaler that answered {@code GetMetricSpec} with nothing) does not count
 * as built: the next reconcile builds it again, as KEDA rebuilds a scaler that returned no spec.
 */
public final class ScalerCache implements AutoCloseable {

    /** One trigger's scaler, the connection its factory says it uses, and its metric specs as built. */
    public record BuiltTrigger(TriggerConfig config, Scaler scaler, ConnectionKey connection, List<MetricSpec> metricSpecs) {
    }

    /** The scalers of one ScaledObject, index for index with its triggers. */
    public record Entry(long generation, List<BuiltTrigger> triggers) {

        public List<TriggerConfig> configs() {
            return triggers.stream().map(BuiltTrigger::config).toList();
        }

        public List<Scaler> scalers() {
            return triggers.stream().map(BuiltTrigger::scaler).toList();
        }

        public List<MetricSpec> metricSpecs() {
            return triggers.stream().flatMap(t -> t.metricSpecs().stream()).toList();
        }

        /** Built from these configs, and every trigger named its metrics. */
        boolean servesAsBuilt(List<TriggerConfig> configs) {
            return configs().equals(configs) && triggers.stream().noneMatch(t -> t.metricSpecs().isEmpty());
        }
    }

    /** A trigger's scaler could not be built (yet); the message names the trigger and never quotes a secret. */
    public static final class BuildFailedException extends RuntimeException {

        BuildFailedException(String message) {
            super(message, null, false, false);
        }
    }

    /** A build in progress: for which configs, which trigger it is at, and its outcome. */
    private record Build(List<TriggerConfig> configs, AtomicInteger at, CompletableFuture<List<BuiltTrigger>> outcome) {
    }

    private static final Logger log = LoggerFactory.getLogger(ScalerCache.class);

    private final ScalerFactories factories;
    private final ExecutorService pluginCalls;
    private final Duration timeout;
    private final PassRequests passRequests;
    private final Map<ObjectKey, Entry> entries = new ConcurrentHashMap<>();
    private final Map<ObjectKey, Build> pending = new ConcurrentHashMap<>();

    public ScalerCache(ScalerFactories factories, ExecutorService pluginCalls, Duration timeout, PassRequests passRequests) {
        this.factories = factories;
        this.pluginCalls = pluginCalls;
        this.timeout = timeout;
        this.passRequests = passRequests;
    }

    /** Whether the scalers for this key were built from exactly these configs. */
    public boolean isCurrent(ObjectKey key, List<TriggerConfig> configs) {
        Entry entry = entries.get(key);
        return entry != null && entry.servesAsBuilt(configs);
    }

    /**
     * The scalers for these configs: the cached ones when the configs are unchanged, else new ones (the old ones are
     * closed). When one trigger fails, the scalers built for the others are closed too and nothing is cached.
     */
    public Entry scalers(ObjectKey key, long generation, List<TriggerConfig> configs) {
        Entry current = entries.get(key);
        if (current != null && current.servesAsBuilt(configs)) {
            return current;
        }
        Build build = pending.compute(key, (k, running) -> {
            if (running != null && running.configs().equals(configs)) {
                return running;
            }
            if (running != null) {
                // Superseded: whatever it still builds is closed when it is done.
                running.outcome().thenAccept(this::closeAll);
            }
            return start(key, configs);
        });
        List<BuiltTrigger> built;
        try {
            built = build.outcome().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new BuildFailedException(label(build) + ": the scaler was not built within " + timeout.toSeconds()
                    + "s; its plugin is still working on it, and the build is retried with backoff");
        } catch (ExecutionException e) {
            pending.remove(key, build);
            remove(key);
            throw new BuildFailedException(message(label(build), e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BuildFailedException(label(build) + ": interrupted while the scaler was built");
        }
        pending.remove(key, build);
        Entry entry = new Entry(generation, built);
        Entry replaced = entries.put(key, entry);
        if (replaced != null) {
            closeAll(replaced.triggers());
        }
        return entry;
    }

    public Optional<Entry> get(ObjectKey key) {
        return Optional.ofNullable(entries.get(key));
    }

    /** Closes and forgets the scalers of one ScaledObject; true when there were some. */
    public boolean remove(ObjectKey key) {
        Build build = pending.remove(key);
        if (build != null) {
            build.outcome().thenAccept(this::closeAll);
        }
        Entry removed = entries.remove(key);
        if (removed != null) {
            closeAll(removed.triggers());
            return true;
        }
        return false;
    }

    @Override
    public void close() {
        entries.keySet().forEach(this::remove);
    }

    private Build start(ObjectKey key, List<TriggerConfig> configs) {
        AtomicInteger at = new AtomicInteger();
        CompletableFuture<List<BuiltTrigger>> outcome = new CompletableFuture<>();
        Build build = new Build(List.copyOf(configs), at, outcome);
        try {
            pluginCalls.execute(() -> buildAll(key, build));
        } catch (RejectedExecutionException e) {
            outcome.completeExceptionally(e);
        }
        return build;
    }

    /** On the plugin-call pool: every trigger in order; a failure closes what was built before it. */
    private void buildAll(ObjectKey key, Build build) {
        List<BuiltTrigger> built = new ArrayList<>();
        try {
            for (TriggerConfig config : build.configs()) {
                build.at().set(built.size());
                ScalerFactory factory = factories.factory(config.type())
                        .orElseThrow(() -> new BuildFailedException(config.label() + ": no scaler found for type: " + config.type()));
                Scaler scaler = factory.create(config);
                List<MetricSpec> specs;
                try {
                    specs = scaler.metricSpecs();
                } catch (RuntimeException | Error e) {
                    closeAll(List.of(new BuiltTrigger(config, scaler, null, List.of())));
                    throw e;
                }
                // KEDA treats nil specs as none: the HPA check then says the scalers may be unreachable.
                built.add(new BuiltTrigger(config, scaler, factory.connectionKey(config), specs == null ? List.of() : List.copyOf(specs)));
                if (scaler instanceof PushScaler push) {
                    push.startPushing(passRequests.requesterFor(key));
                }
            }
            build.outcome().complete(List.copyOf(built));
        } catch (Throwable failure) {
            // Errors too: a plugin's NoClassDefFoundError or StackOverflowError fails this build and nothing else.
            closeAll(built);
            build.outcome().completeExceptionally(failure);
        }
    }

    private static String label(Build build) {
        int at = Math.min(build.at().get(), build.configs().size() - 1);
        return at < 0 ? "triggers" : build.configs().get(at).label();
    }

    /** The plugin's own message for configuration errors (it names every bad parameter); only the type otherwise. */
    private static String message(String label, Throwable cause) {
        if (cause instanceof ScalerConfigException || cause instanceof BuildFailedException) {
            return cause.getMessage();
        }
        if (cause instanceof ScalerException) {
            // A source that could not be asked for its metric specs (an external scaler that is down): scalers keep
            // secrets out of these messages, and the reconciler scrubs them again.
            return cause.getMessage();
        }
        // Any other message may quote a parameter value; only the exception's type is shown.
        return label + ": the scaler could not be built (" + cause.getClass().getSimpleName() + ")";
    }

    /** Off the caller's thread; a close that throws or hangs is logged and costs nothing else. */
    private void closeAll(List<BuiltTrigger> triggers) {
        for (BuiltTrigger trigger : triggers) {
            try {
                pluginCalls.execute(() -> {
                    try {
                        trigger.scaler().close();
                    } catch (Throwable e) {
                        log.warn("{}: the scaler failed to close ({}); its connections may linger until the process ends",
                                trigger.config().label(), e.getClass().getSimpleName());
                    }
                });
            } catch (RejectedExecutionException e) {
                log.warn("{}: the scaler was not closed (the controller is stopping)", trigger.config().label());
            }
        }
    }
}
