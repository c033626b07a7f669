/**
 * The Tide controller: reconciles KEDA's ScaledObjects with the Java Operator SDK, runs their scale loops and serves
 * metric values to the metrics service. One package per job; docs/architecture.md has the map and the path of one
 * poll. Classes are package-private unless another package or Spring needs them.
 */
package dev.tide.controller;
