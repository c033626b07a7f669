package dev.tide.scaler.kafka;

/** KEDA's {@code tls}: {@code enable} or {@code disable}. */
enum TlsMode {
    ENABLE,
    DISABLE
}
