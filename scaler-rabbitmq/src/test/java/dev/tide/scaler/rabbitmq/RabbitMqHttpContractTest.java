package dev.tide.scaler.rabbitmq;

/** The test kit's contract over HTTP: see {@link RabbitMqContract}. */
class RabbitMqHttpContractTest extends RabbitMqContract {

    RabbitMqHttpContractTest() {
        super("http");
    }
}
