/**
 * Replica arithmetic as pure functions: the HPA's desired-replica calculation for External metrics
 * ({@link dev.tide.replicas.HpaReplicaCalculator}, {@link dev.tide.replicas.ReplicaBounds})
 * and KEDA's fallback ({@link dev.tide.replicas.Fallback},
 * {@link dev.tide.replicas.FallbackBehavior}).
 *
 * <p>Tide serves metric values and the stock HPA turns them into replicas; to serve a fallback value that lands on
 * exactly the fallback count, to explain a scaling decision, or to simulate the whole loop in one JVM, the
 * controller needs the HPA's arithmetic bit for bit (float64 over milli values). It lives here, free of Kubernetes
 * types, so the controller, a simulator and third-party tools share one tested copy.
 */
package dev.tide.replicas;
