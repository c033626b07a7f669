/**
 * Helpers for plugins' clients: one client per event-source connection shared between triggers and KEDA's
 * {@code unsafeSsl} (SPI 1.4), PEM trust and key material from a TriggerAuthentication (SPI 1.5).
 */
package dev.tide.scaler.api.clients;
