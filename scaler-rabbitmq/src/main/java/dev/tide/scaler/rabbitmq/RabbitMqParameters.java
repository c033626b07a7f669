package dev.tide.scaler.rabbitmq;

import static dev.tide.scaler.api.params.Source.AUTH_PARAMS;
import static dev.tide.scaler.api.params.Source.RESOLVED_ENV;
import static dev.tide.scaler.api.params.Source.TRIGGER_METADATA;

import dev.tide.scaler.api.params.Param;
import java.util.Optional;

/**
 * The metadata of a {@code rabbitmq} trigger, named, sourced and defaulted as KEDA's {@code rabbitMQMetadata} declares
 * it (its authentication is {@link RabbitMqAuth}). Rules across parameters live in {@link RabbitMqTrigger}, which
 * reports them in KEDA's words.
 */
record RabbitMqParameters(
        @Param(description = "the queue to read; a regular expression over the vhost's queues with `useRegex`")
        String queueName,

        @Param(defaultValue = "Unknown", description = "what to scale on: QueueLength, MessageRate, DeliverGetRate, "
                + "PublishedToDeliveredRatio or ExpectedQueueConsumptionTime (all but QueueLength need protocol http); "
                + "with neither mode, value nor queueLength set: QueueLength with value 20")
        String mode,

        @Param(defaultValue = "0", deprecated = "use mode: QueueLength and value",
                description = "target queue length; deprecated alias of `mode: QueueLength` with `value`")
        double queueLength,

        @Param(defaultValue = "0", description = "target value of the mode (messages, messages per second, a ratio or "
                + "seconds)")
        double value,

        @Param(defaultValue = "0", description = "the trigger is active while the value is above this")
        double activationValue,

        @Param(order = {TRIGGER_METADATA, AUTH_PARAMS, RESOLVED_ENV}, description = "`amqp(s)://user:password@host:port/vhost` "
                + "or the management API's `http(s)://user:password@host:port/<path>/vhost`")
        String host,

        @Param(order = {TRIGGER_METADATA, AUTH_PARAMS}, defaultValue = "auto", description = "amqp, http, or auto "
                + "(from the host's scheme)")
        String protocol,

        @Param(order = {TRIGGER_METADATA, AUTH_PARAMS}, description = "vhost to use instead of the one in `host`")
        Optional<String> vhostName,

        @Param(defaultValue = "false", description = "`queueName` is a regular expression (protocol http only)")
        boolean useRegex,

        @Param(defaultValue = "false", description = "count ready messages only, not unacknowledged ones (protocol "
                + "http only; AMQP counts ready messages anyway)")
        boolean excludeUnacknowledged,

        @Param(defaultValue = "100", description = "page size of the regex listing; more than one page is an error")
        long pageSize,

        @Param(defaultValue = "sum", description = "how the queues a regex matches are combined: sum, avg or max")
        String operation,

        @Param(description = "how long one management API call may take: a duration (`5s`) or milliseconds (protocol "
                + "http only)")
        Optional<String> timeout,

        @Param(defaultValue = "false", description = "do not verify the server's certificate")
        boolean unsafeSsl) {
}
