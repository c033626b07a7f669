/**
 * Admission, without a server: {@link dev.tide.admission.PluginParameters} puts the plugins' parameter checks behind
 * keda-api's validator, and {@link dev.tide.admission.AdmissionReviews} turns an {@code admission.k8s.io/v1}
 * AdmissionReview into the validator's decision and back. The controller serves it over HTTPS; {@code tide lint}
 * runs the same validator on files.
 */
package dev.tide.admission;
