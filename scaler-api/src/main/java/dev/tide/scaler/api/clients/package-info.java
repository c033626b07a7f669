/**
 * Helpers for plugins that connect to an event source: one client per connection shared between triggers and
 * KEDA's {@code unsafeSsl} (SPI 1.4), TLS material read from a TriggerAuthentication's PEM (SPI 1.5).
 */
package dev.tide.scaler.api.clients;
