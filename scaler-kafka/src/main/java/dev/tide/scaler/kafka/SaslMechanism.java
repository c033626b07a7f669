package dev.tide.scaler.kafka;

/** KEDA's {@code sasl} values. GSSAPI is accepted by the parser only so that it can be refused by name. */
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

    boolean needsUserAndPassword() {
        return this == PLAINTEXT || this == SCRAM_SHA256 || this == SCRAM_SHA512 || this == OAUTHBEARER;
    }
}
