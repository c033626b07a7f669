package dev.tide.controller.sources;

import dev.tide.controller.kube.ObjectKey;
import dev.tide.scaler.api.ConnectionKey;
import dev.tide.scaler.api.Scaler;
import dev.tide.scaler.api.ScalerConfigException;
import dev.tide.scaler.api.ScalerFactory;
import dev.tide.scaler.api.TriggerConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scalers of every ScaledObject, one per trigger. They are built when a ScaledObject's trigger configs change
 * (its spec, or a Secret or env value they read) and kept otherwise, so an annotation edit or a status write does
 * not reconnect to Kafka. Replaced and removed scalers are closed.
 */
public final class ScalerCache implements AutoCloseable {

    /** One trigger's scaler, with the connection its factory says it uses. */
    public record BuiltTrigger(TriggerConfig config, Scaler scaler, ConnectionKey connection) {
    }

    /** The scalers of one ScaledObject, index for index with its triggers. */
    public record Entry(long generation, List<BuiltTrigger> triggers) {

        public List<TriggerConfig> configs() {
            return triggers.stream().map(BuiltTrigger::config).toList();
        }

        public List<Scaler> scalers() {
            return triggers.stream().map(BuiltTrigger::scaler).toList();
        }
    }

    /** A trigger's scaler could not be built; the message is the scaler's, naming the trigger. */
    public static final class BuildFailedException extends RuntimeException {

        BuildFailedException(String message) {
            super(message, null, false, false);
        }
    }

    private static final Logger log = LoggerFactory.getLogger(ScalerCache.class);

    private final ScalerFactories factories;
    private final Map<ObjectKey, Entry> entries = new ConcurrentHashMap<>();

    public ScalerCache(ScalerFactories factories) {
        this.factories = factories;
    }

    /** Whether the scalers for this key were built from exactly these configs. */
    public boolean isCurrent(ObjectKey key, List<TriggerConfig> configs) {
        Entry entry = entries.get(key);
        return entry != null && entry.configs().equals(configs);
    }

    /**
     * The scalers for these configs: the cached ones when the configs are unchanged, else new ones (the old ones are
     * closed). When one trigger fails, the scalers built for the others are closed too and nothing is cached.
     */
    public Entry scalers(ObjectKey key, long generation, List<TriggerConfig> configs) {
        Entry current = entries.get(key);
        if (current != null && current.configs().equals(configs)) {
            return current;
        }
        List<BuiltTrigger> built = new ArrayList<>();
        try {
            for (TriggerConfig config : configs) {
                ScalerFactory factory = factories.factory(config.type())
                        .orElseThrow(() -> new BuildFailedException(config.label() + ": no scaler found for type: " + config.type()));
                Scaler scaler = factory.create(config);
                built.add(new BuiltTrigger(config, scaler, factory.connectionKey(config)));
            }
        } catch (ScalerConfigException e) {
            throw discard(key, built, e.getMessage());
        } catch (BuildFailedException e) {
            throw discard(key, built, e.getMessage());
        } catch (RuntimeException e) {
            // The exception's own message may quote a parameter; only its type is shown.
            throw discard(key, built, configs.get(built.size()).label() + ": the scaler could not be built ("
                    + e.getClass().getSimpleName() + ")");
        }
        Entry entry = new Entry(generation, List.copyOf(built));
        Entry replaced = entries.put(key, entry);
        if (replaced != null) {
            closeAll(replaced.scalers());
        }
        return entry;
    }

    public Optional<Entry> get(ObjectKey key) {
        return Optional.ofNullable(entries.get(key));
    }

    /** Closes and forgets the scalers of one ScaledObject; true when there were some. */
    public boolean remove(ObjectKey key) {
        Entry removed = entries.remove(key);
        if (removed != null) {
            closeAll(removed.scalers());
            return true;
        }
        return false;
    }

    @Override
    public void close() {
        entries.keySet().forEach(this::remove);
    }

    private BuildFailedException discard(ObjectKey key, List<BuiltTrigger> built, String message) {
        closeAll(built.stream().map(BuiltTrigger::scaler).toList());
        remove(key);
        return new BuildFailedException(message);
    }

    private static void closeAll(List<Scaler> scalers) {
        for (Scaler scaler : scalers) {
            try {
                scaler.close();
            } catch (RuntimeException e) {
                log.warn("A scaler failed to close ({}); its connections may linger until the process ends",
                        e.getClass().getSimpleName());
            }
        }
    }
}
