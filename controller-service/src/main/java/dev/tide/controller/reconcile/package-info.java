/**
 * ScaledObjects to desired state, in KEDA's order: checks, trigger configs with env and authentication resolved,
 * scalers, the HPA, the status; then the hand-over to the scale loops.
 */
package dev.tide.controller.reconcile;
