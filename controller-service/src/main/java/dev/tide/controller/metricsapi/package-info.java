/**
 * The internal metrics REST API the metrics service calls, answered from the scale loops' published snapshot.
 */
package dev.tide.controller.metricsapi;
