/**
 * The scale loops. ScaleLoops schedules; ScalePass turns one pass's readings into a PassResult through the pure
 * ScaleDecision and LoopConditions; PassExecutor is the only place a loop writes; PublishedMetrics is the snapshot
 * the metrics API reads.
 */
package dev.tide.controller.scaling;
