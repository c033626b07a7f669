/**
 * KEDA's Prometheus series with KEDA's names and labels, and Tide's loop-lag histogram.
 */
package dev.tide.controller.observability;
