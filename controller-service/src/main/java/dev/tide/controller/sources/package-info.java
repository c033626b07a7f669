/**
 * Event sources: scalers per ScaledObject from the plugin registry, each trigger's connection key, resilience4j
 * guards per connection, and the guarded read (Sampler) that the scale loops and the metrics API share.
 */
package dev.tide.controller.sources;
