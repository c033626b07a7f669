/**
 * API access and the one writer per resource: ScaleClient writes /scale, StatusWriter writes ScaledObject status,
 * EventRecorder writes events; ClusterAccess is the scale loops' view of the three.
 */
package dev.tide.controller.kube;
