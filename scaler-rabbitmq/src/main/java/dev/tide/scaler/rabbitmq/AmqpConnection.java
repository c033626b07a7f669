package dev.tide.scaler.rabbitmq;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultSaslConfig;
import com.rabbitmq.client.ShutdownSignalException;
import dev.tide.scaler.rabbitmq.ManagementApi.ReadException;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;

/**
 * One AMQP connection to a server as one user, shared by the triggers that use it. It is opened on the first read and
 * again after it was lost (the client's own recovery is off, so a dead server fails the read instead of waiting); each
 * read opens a channel, declares the queue passively (which returns its ready count) and closes the channel.
 */
final class AmqpConnection implements AutoCloseable {

    private final AmqpEndpoint endpoint;
    private final String name;
    private Connection connection;

    /** @param name the connection's name as the server shows it, {@code keda-<namespace>-<name>} of the first trigger */
    AmqpConnection(AmqpEndpoint endpoint, String name) {
        this.endpoint = endpoint;
        this.name = name;
    }

    /** The ready messages of {@code queue} (KEDA's {@code QueueDeclarePassive}); a missing queue is an error. */
    long readyMessages(String queue, Duration timeout) throws ReadException {
        Connection open = connection(timeout);
        try (Channel channel = open.createChannel()) {
            if (channel == null) {
                throw new ReadException("no channel is left on the connection to " + endpoint.shown());
            }
            AMQP.Queue.DeclareOk declared = channel.queueDeclarePassive(queue);
            return declared.getMessageCount();
        } catch (IOException | TimeoutException | ShutdownSignalException e) {
            throw new ReadException("cannot read queue " + queue + " on " + endpoint.shown() + ": " + reason(e));
        }
    }

    private synchronized Connection connection(Duration timeout) throws ReadException {
        if (connection != null && connection.isOpen()) {
            return connection;
        }
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(endpoint.host());
        factory.setPort(endpoint.port());
        factory.setVirtualHost(endpoint.vhost());
        factory.setUsername(endpoint.username());
        factory.setPassword(endpoint.password().reveal());
        factory.setAutomaticRecoveryEnabled(false);
        factory.setTopologyRecoveryEnabled(false);
        int millis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
        factory.setConnectionTimeout(millis);
        factory.setHandshakeTimeout(millis);
        factory.setChannelRpcTimeout(millis);
        try {
            if (endpoint.amqps()) {
                SSLContext context = endpoint.tls().sslContext().orElse(SSLContext.getDefault());
                factory.useSslProtocol(context);
                if (!endpoint.tls().unsafeSsl()) {
                    factory.enableHostnameVerification();
                }
            }
            if (endpoint.external()) {
                factory.setSaslConfig(DefaultSaslConfig.EXTERNAL);
            }
            // The name goes into the client properties as connection_name, beside the client's capabilities.
            connection = factory.newConnection(name);
            return connection;
        } catch (IOException | TimeoutException | java.security.NoSuchAlgorithmException e) {
            throw new ReadException("error establishing connection to RabbitMQ at " + endpoint.shown() + " as user "
                    + endpoint.username() + ": " + reason(e));
        }
    }

    /** The client's own words, which name the server's reply (ACCESS_REFUSED, NOT_FOUND, …) and never a password. */
    private static String reason(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getMessage() == null) {
            cause = cause.getCause();
        }
        if (cause instanceof ShutdownSignalException signal && signal.getReason() != null) {
            return signal.getReason().protocolMethodName() + " " + signal.getMessage();
        }
        if (e instanceof IOException && e.getCause() instanceof ShutdownSignalException signal) {
            return signal.getMessage();
        }
        return String.valueOf(cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage());
    }

    @Override
    public synchronized void close() {
        if (connection != null) {
            try {
                connection.close(1000);
            } catch (IOException | ShutdownSignalException ignored) {
                // Already gone: nothing to release.
            }
            connection = null;
        }
    }
}
