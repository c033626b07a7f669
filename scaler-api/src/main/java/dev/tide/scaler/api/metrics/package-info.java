/**
 * HPA metric names built the way KEDA builds them ({@code s<trigger index>-<normalized name>}).
 *
 * <p>Existing HPAs, Grafana panels and alerts select KEDA's metric names verbatim; every scaler and the controller
 * build and read names here so that one rule serves them all and a KEDA user's dashboards keep working.
 */
package dev.tide.scaler.api.metrics;
