/**
 * Code the HTTP scaler plugins (prometheus, rabbitmq) share: OAuth 2.0 client credentials ({@link
 * dev.tide.scaler.http.ClientCredentials}) and Go's {@code net/url} query functions ({@link dev.tide.scaler.http.GoQuery}).
 *
 * <p>Why a library module and not the SPI: reading the token endpoint's answer needs JSON, and scaler-api is JDK and
 * SLF4J only (the build enforces it). A hand-written JSON reader in the SPI would not be small if it read every answer
 * as Jackson does (what is "not JSON", numbers and strings for {@code expires_in}), and the plugins read JSON with
 * Jackson already. What needs no JSON went to the SPI instead ({@code clients.SharedHttpClients},
 * {@code params.GoDuration}, SPI 1.6).
 *
 * <p>It is not a plugin: no factory, no ServiceLoader entry. A plugin that uses it carries it in its plugin folder (its
 * class loader sees only the SPI besides), as it carries Jackson; built-in plugins get it on the controller's class path.
 * It depends on scaler-api only, and no plugin class of another plugin (architecture-tests checks both).
 */
package dev.tide.scaler.http;
