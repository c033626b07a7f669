/**
 * What every package shares: the Kubernetes client, the clock, the settings records, the loops' thread pools and
 * the startup failure analyzers.
 */
package dev.tide.controller.config;
