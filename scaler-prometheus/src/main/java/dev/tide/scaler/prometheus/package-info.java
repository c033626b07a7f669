/**
 * Trigger type {@code prometheus}: the value of a PromQL instant query against Prometheus' HTTP API (or anything
 * that speaks it: Thanos, Cortex, Mimir, VictoriaMetrics), as KEDA's prometheus scaler reads it: the same
 * parameters, request, authentication modes, result rules and messages. HTTP is the JDK's client, one per server and
 * TLS identity, shared by the triggers that use it; {@code docs/compatibility.md} lists what differs from KEDA.
 */
package dev.tide.scaler.prometheus;
