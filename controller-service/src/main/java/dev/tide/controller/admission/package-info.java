/**
 * KEDA's validating webhook: an HTTPS server on its own port ({@code tide.webhooks}) that answers AdmissionReviews on
 * every replica, leader or standby, with the same validator the reconciler uses.
 */
package dev.tide.controller.admission;
