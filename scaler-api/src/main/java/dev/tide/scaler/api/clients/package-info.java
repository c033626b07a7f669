/**
 * Helpers for plugins' clients: one client per event-source connection shared between triggers and KEDA's
 * {@code unsafeSsl} (SPI 1.4), PEM trust and key material from a TriggerAuthentication (SPI 1.5), the JDK HTTP client
 * shared that way ({@link dev.tide.scaler.api.clients.SharedHttpClients}, SPI 1.6).
 *
 * <p>OAuth 2.0 client credentials are not here although two plugins (prometheus, rabbitmq) fetch tokens the same way:
 * reading the token response needs JSON, which the SPI does not have (JDK and SLF4J only), and the two plugins encode
 * the token form differently (prometheus as Go's {@code url.Values}, rabbitmq in KEDA's order), which their tests pin.
 */
package dev.tide.scaler.api.clients;
