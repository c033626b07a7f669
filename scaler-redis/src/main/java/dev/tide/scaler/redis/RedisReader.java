package dev.tide.scaler.redis;

import dev.tide.scaler.api.ScalerException;
import dev.tide.scaler.api.clients.SharedClients;
import io.lettuce.core.RedisException;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * One trigger's share of its connection and how it waits for a reply: never longer than the trigger's timeout, and
 * every failure becomes a {@link ScalerException} naming the trigger with the server's reason (which quotes no
 * credential). A read that fails never yields a value.
 */
final class RedisReader implements AutoCloseable {

    private final String label;
    private final Duration timeout;
    private final SharedClients.Lease<RedisConnection> lease;

    private RedisReader(String label, Duration timeout, SharedClients.Lease<RedisConnection> lease) {
        this.label = label;
        this.timeout = timeout;
        this.lease = lease;
    }

    /**
     * A share of the trigger's connection, opened (and so authenticated) now, as KEDA pings at build.
     *
     * @throws ScalerException when the server cannot be reached or refuses the credentials
     * @throws IllegalArgumentException when an address or the TLS material cannot be used (a configuration error)
     */
    static RedisReader open(RedisConnections connections, RedisTrigger<?> trigger) {
        SharedClients.Lease<RedisConnection> lease = connections.acquire(trigger.identity());
        RedisReader reader = new RedisReader(trigger.label(), trigger.timeout(), lease);
        try {
            reader.commands();
        } catch (IllegalArgumentException e) {
            lease.close();
            throw e;
        } catch (RuntimeException e) {
            lease.close();
            throw new ScalerException(trigger.label() + ": " + trigger.identity().topology().connectionFailure() + ": "
                    + reason(e));
        }
        return reader;
    }

    /** Sends one command and waits for its reply. */
    <T> T read(String what, Function<RedisClusterAsyncCommands<String, String>, CompletionStage<T>> command) {
        Future<T> reply = null;
        try {
            reply = command.apply(commands()).toCompletableFuture();
            return reply.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            reply.cancel(true);
            throw new ScalerException(label + ": " + what + ": no answer within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            throw new ScalerException(label + ": " + what + ": " + reason(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ScalerException(label + ": " + what + ": interrupted");
        } catch (RuntimeException e) {
            throw new ScalerException(label + ": " + what + ": " + reason(e));
        }
    }

    /** The server's own error, as go-redis reports it ({@code ERR no such key}), when the command reached it. */
    static String reason(Throwable failure) {
        Throwable deepest = failure;
        while (deepest.getCause() != null && deepest.getCause() != deepest) {
            deepest = deepest.getCause();
        }
        String message = deepest.getMessage();
        if (message == null || message.isBlank()) {
            message = failure.getMessage();
        }
        return message == null ? deepest.getClass().getSimpleName() : message;
    }

    /** Whether the failure is the server's reply {@code text}, such as {@code ERR no such key}. */
    static boolean isReply(Throwable failure, String text) {
        return failure instanceof RedisException && text.equals(failure.getMessage());
    }

    private RedisClusterAsyncCommands<String, String> commands() {
        return lease.client().commands(timeout);
    }

    @Override
    public void close() {
        lease.close();
    }
}
