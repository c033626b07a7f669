package dev.tide.metrics;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Collapses concurrent identical calls into one: the first caller for a key runs the call on its own
 * thread, callers arriving while it runs wait for and share its result or exception. Nothing is kept
 * once the call ends, so this never serves an old value.
 *
 * @param <K> the call's identity
 * @param <V> its result
 */
final class SingleFlight<K, V> {

    private final ConcurrentHashMap<K, CompletableFuture<V>> inFlight = new ConcurrentHashMap<>();

    /** A result and whether this caller shared another caller's call. */
    record Outcome<V>(V value, boolean shared) {}

    Outcome<V> execute(K key, Supplier<V> call) {
        CompletableFuture<V> mine = new CompletableFuture<>();
        CompletableFuture<V> running = inFlight.putIfAbsent(key, mine);
        if (running != null) {
            return new Outcome<>(await(running), true);
        }
        try {
            V value = call.get();
            mine.complete(value);
            return new Outcome<>(value, false);
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(key, mine);
        }
    }

    private static <V> V await(CompletableFuture<V> running) {
        try {
            return running.join();
        } catch (CompletionException e) {
            // Rethrow the leader's own exception so every caller sees the same failure type.
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }
}
