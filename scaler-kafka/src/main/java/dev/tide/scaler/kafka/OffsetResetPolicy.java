package dev.tide.scaler.kafka;

/** Where a consumer without a committed offset would start: decides the lag of such a partition. */
enum OffsetResetPolicy {
    LATEST,
    EARLIEST
}
