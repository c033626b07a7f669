/**
 * Trigger type {@code rabbitmq}: a RabbitMQ queue's length or message rates, read over AMQP 0-9-1 (a passive queue
 * declare, ready messages only) or from the management API (counts and rates, one queue or a regex over many), as
 * KEDA's rabbitmq scaler reads them: the same parameters, modes, formulas, metric names and messages. AMQP
 * connections and HTTP clients are shared by the triggers that use the same server and credential;
 * {@code docs/compatibility.md} lists what differs from KEDA.
 */
package dev.tide.scaler.rabbitmq;
