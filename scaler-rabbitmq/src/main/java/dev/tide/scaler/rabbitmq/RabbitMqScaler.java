package dev.tide.scaler.rabbitmq;

import dev.tide.scaler.api.MetricSpec;
import dev.tide.scaler.api.MetricValue;
import dev.tide.scaler.api.Scaler;
import dev.tide.scaler.api.ScalerException;
import dev.tide.scaler.api.ScalerSample;
import dev.tide.scaler.rabbitmq.ManagementApi.ReadException;
import java.util.List;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code rabbitmq} trigger: reads the queue over AMQP or the management API at every read and reports the mode's
 * value and activity (KEDA's {@code GetMetricsAndActivity}). A read that fails throws {@code error inspecting
 * RabbitMQ: …}, never a zero and never a credential.
 */
final class RabbitMqScaler implements Scaler {

    private static final Logger log = LoggerFactory.getLogger(RabbitMqScaler.class);
    private static final Pattern USER_INFO = Pattern.compile("([^ /:]+):([^/:]+)@");

    /** How the queue is read; each owns its lease of a shared client. */
    interface Source extends AutoCloseable {
        QueueStatus read() throws ReadException;

        @Override
        void close();
    }

    private final RabbitMqTrigger trigger;
    private final Source source;

    RabbitMqScaler(RabbitMqTrigger trigger, Source source) {
        this.trigger = trigger;
        this.source = source;
    }

    @Override
    public List<MetricSpec> metricSpecs() {
        return List.of(trigger.metricSpec());
    }

    @Override
    public ScalerSample sample(String metricName) {
        QueueStatus status;
        try {
            status = source.read();
        } catch (ReadException e) {
            throw new ScalerException(trigger.label() + ": " + anonymized("error inspecting RabbitMQ: " + e.getMessage()));
        }
        QueueStatus.Reading reading = status.read(trigger.mode(), trigger.parameters().activationValue());
        log.debug("{}: queue {} {} = {}", trigger.label(), trigger.parameters().queueName(), trigger.mode(), reading.value());
        return ScalerSample.of(MetricValue.of(metricName, reading.value()), reading.active());
    }

    /**
     * KEDA's {@code anonymizeRabbitMQError}: {@code user:password@} in place of any user info. Tide's messages carry none
     * (URLs are shown without it); this stays as a second guard, as in KEDA.
     */
    static String anonymized(String message) {
        return USER_INFO.matcher(message).replaceAll("user:password@");
    }

    @Override
    public void close() {
        source.close();
    }

    @Override
    public String toString() {
        return "RabbitMqScaler[" + trigger.label() + ", " + (trigger.http() ? "http" : "amqp") + ", queue="
                + trigger.parameters().queueName() + ", mode=" + trigger.mode() + "]";
    }
}
