package dev.tide.scaler.kafka;

/** KEDA's {@code sasl} values. */
enum SaslMechanism {
    NONE(null),
    PLAINTEXT("PLAIN"),
    SCRAM_SHA256("SCRAM-SHA-256"),
    SCRAM_SHA512("SCRAM-SHA-512"),
    OAUTHBEARER("OAUTHBEARER"),
    GSSAPI("GSSAPI");

    private final String kafkaName;

    SaslMechanism(String kafkaName) {
        this.kafkaName = kafkaName;
    }

    /** The value of Kafka's {@code sasl.mechanism}. */
    String kafkaName() {
        return kafkaName;
    }
}
