/**
 * KEDA's {@code keda.sh/v1alpha1} API as Java types: ScaledObject, TriggerAuthentication and
 * ClusterTriggerAuthentication. Field names, shapes, defaults and validation follow KEDA's Go types so that KEDA
 * users' manifests are accepted unchanged; the CRD YAML in {@code helm/tide/files/crds/} is generated from these classes.
 *
 * <p>Spec types are immutable records; the status types are mutable because the reconciler fills them in step by
 * step, as KEDA's controller fills its status struct.
 */
package dev.tide.keda.api;
