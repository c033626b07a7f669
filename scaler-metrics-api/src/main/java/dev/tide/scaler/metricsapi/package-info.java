/**
 * Trigger type {@code metrics-api}: KEDA's metrics-api scaler, built into Tide. It GETs a URL, reads one number from
 * the response (json with a GJSON path, xml and yaml with a dotted path, Prometheus' text format with a metric
 * selector) and scales on it; bearer, basic, apiKey and tls auth come from the TriggerAuthentication.
 *
 * <p>This package is also the model for a scaler plugin: {@code examples/metrics-api-scaler} packages these classes as
 * a drop-in plugin jar, and its README walks through how.
 */
package dev.tide.scaler.metricsapi;
