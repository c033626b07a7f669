/**
 * Lease leader election: the leader runs the scale loops and answers the metrics API.
 */
package dev.tide.controller.leader;
