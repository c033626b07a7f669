/**
 * The ScaledJob loops (KEDA's {@code getScaledJobMetrics} and {@code RequestJobScale}): each polling interval a
 * ScaledJob's triggers are read through the shared {@code Sampler}, its Jobs and their pods are counted from the API
 * server, replica-math's {@code jobs} arithmetic decides how many Jobs to start, and {@code JobLoops} creates them,
 * trims the finished ones per the history limits and writes the loop's conditions. {@code JobTemplate} builds a Job
 * as KEDA names and labels it; {@code JobCensus} and {@code JobDemand} are the pure readings of Jobs and triggers.
 */
package dev.tide.controller.jobs;
