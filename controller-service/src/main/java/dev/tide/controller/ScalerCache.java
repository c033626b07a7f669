package dev.tide.controller;

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
class ScalerCache implements AutoCloseable {

    /** The configs the scalers were built from, and the scalers, index for index. */
    record Entry(long generation, List<TriggerConfig> configs, List<Scaler> scalers) {
    }

    /** A trigger's scaler could not be built; the message is the scaler's, naming the trigger. */
    static final class BuildFailedException extends RuntimeException {
        private final TriggerConfig trigger;

        BuildFailedException(TriggerConfig trigger, String message) {
            super(message, null, false, false);
            this.trigger = trigger;
        }

        TriggerConfig trigger() {
            return trigger;
        }
    }

    private static final Logger log = LoggerFactory.getLogger(ScalerCache.class);

    private final ScalerFactories factories;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    ScalerCache(ScalerFactories factories) {
        this.factories = factories;
    }

    static String key(String namespace, String name) {
        return "scaledobject." + namespace + "." + name;
    }

    /** Whether the scalers for this key were built from exactly these configs. */
    boolean isCurrent(String key, List<TriggerConfig> configs) {
        Entry entry = entries.get(key);
        return entry != null && entry.configs().equals(configs);
    }

    /**
     * The scalers for these configs: the cached ones when the configs are unchanged, else new ones (the old ones are
     * closed). When one trigger fails, the scalers built for the others are closed too and nothing is cached.
     */
    Entry scalers(String key, long generation, List<TriggerConfig> configs) {
        Entry current = entries.get(key);
        if (current != null && current.configs().equals(configs)) {
            return current;
        }
        List<Scaler> built = new ArrayList<>();
        try {
            for (TriggerConfig config : configs) {
                ScalerFactory factory = factories.factory(config.type())
                        .orElseThrow(() -> new BuildFailedException(config, config.label() + ": no scaler found for type: " + config.type()));
                built.add(factory.create(config));
            }
        } catch (ScalerConfigException e) {
            closeAll(built);
            remove(key);
            throw new BuildFailedException(configs.get(built.size()), e.getMessage());
        } catch (BuildFailedException e) {
            closeAll(built);
            remove(key);
            throw e;
        } catch (RuntimeException e) {
            closeAll(built);
            remove(key);
            TriggerConfig failed = configs.get(built.size());
            // The exception's own message may quote a parameter; only its type is shown.
            throw new BuildFailedException(failed, failed.label() + ": the scaler could not be built ("
                    + e.getClass().getSimpleName() + ")");
        }
        Entry entry = new Entry(generation, List.copyOf(configs), List.copyOf(built));
        Entry replaced = entries.put(key, entry);
        if (replaced != null) {
            closeAll(replaced.scalers());
        }
        return entry;
    }

    Optional<Entry> get(String key) {
        return Optional.ofNullable(entries.get(key));
    }

    /** Closes and forgets the scalers of one ScaledObject; true when there were some. */
    boolean remove(String key) {
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
