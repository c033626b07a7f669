/** Helpers for plugins that share one client per event-source connection between triggers (SPI 1.4). */
package dev.tide.scaler.api.clients;
