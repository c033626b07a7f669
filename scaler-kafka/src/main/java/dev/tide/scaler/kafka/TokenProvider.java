package dev.tide.scaler.kafka;

/** KEDA's {@code saslTokenProvider} for {@code sasl: oauthbearer}. */
enum TokenProvider {
    BEARER,
    AWS_MSK_IAM
}
