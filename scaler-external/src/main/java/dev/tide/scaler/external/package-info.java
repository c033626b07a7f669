/**
 * Trigger types {@code external} and {@code external-push}: KEDA's gRPC external scalers, unchanged. The stubs are
 * generated at build time from a copy of KEDA's {@code externalscaler.proto} (package {@code externalscaler}, see
 * {@code src/main/protobuf/README.md}), so a server written for KEDA answers Tide without a change.
 *
 * <p>A plugin jar is the better way to write a new scaler (no network hop, no extra deployment, parameters checked
 * at admission); this module exists so that the external scalers users already run keep working.
 */
package dev.tide.scaler.external;
