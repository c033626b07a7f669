/**
 * The Tide controller: reconciles KEDA's ScaledObjects with the Java Operator SDK (see
 * {@link dev.tide.controller.ScaledObjectReconciler}), builds scalers through scaler-api's plugin registry and
 * manages each ScaledObject's HPA. Everything here is package-private; the {@code crd} package holds the public
 * API types.
 */
package dev.tide.controller;
