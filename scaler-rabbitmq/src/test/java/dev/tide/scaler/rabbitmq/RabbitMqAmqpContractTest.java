package dev.tide.scaler.rabbitmq;

/** The test kit's contract over AMQP: see {@link RabbitMqContract}. */
class RabbitMqAmqpContractTest extends RabbitMqContract {

    RabbitMqAmqpContractTest() {
        super("amqp");
    }
}
