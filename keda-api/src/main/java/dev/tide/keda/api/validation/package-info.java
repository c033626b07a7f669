/**
 * The one validator of KEDA objects, shared by the admission webhook, the reconciler and {@code tide lint}: KEDA's
 * webhook rules ({@code apis/keda/v1alpha1/*_webhook.go}) with KEDA's messages, Tide's bounds and name rules, and the
 * rules that look at other objects through a {@link dev.tide.keda.api.validation.ClusterView}. Pure functions, no I/O
 * of their own and no Spring.
 */
package dev.tide.keda.api.validation;
