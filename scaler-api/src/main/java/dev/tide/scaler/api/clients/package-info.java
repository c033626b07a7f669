/**
 * Helpers for plugins' clients: one client per event-source connection shared between triggers and KEDA's
 * {@code unsafeSsl} (SPI 1.4), PEM trust and key material from a TriggerAuthentication (SPI 1.5), the JDK HTTP client
 * shared that way ({@link dev.tide.scaler.api.clients.SharedHttpClients}, SPI 1.6).
 *
 * <p>OAuth 2.0 client credentials, which the prometheus and rabbitmq plugins share, are not here: reading the token
 * answer needs JSON, which the SPI does not have (JDK and SLF4J only); they are in the library module
 * scaler-http-support.
 */
package dev.tide.scaler.api.clients;
