/**
 * KEDA's ScaledJob arithmetic as pure functions ({@code pkg/scaling/scaledjob/metrics.go} and
 * {@code pkg/scaling/executor/scale_jobs.go}): the replica bounds of a ScaledJob ({@link JobBounds}), the queue each
 * scaler reports and how several combine ({@link JobQueue}, {@link ScalerCalculation}), the four scaling strategies
 * ({@link JobStrategy}), the number of Jobs one pass creates ({@link JobPlan}), which Jobs count as pending
 * ({@link PendingJobs}) and which finished Jobs the history limits delete ({@link JobHistory}).
 *
 * <p>Free of Kubernetes types, as the rest of this module: the controller reads Jobs and Pods and hands their
 * relevant facts in.
 *
 * <p>One deliberate difference: KEDA sorts finished Jobs by {@code status.completionTime}, which a failed Job does
 * not have, so which failed Jobs it deletes first is arbitrary; {@link JobHistory} takes the time the Failed
 * condition became True instead, so the oldest go first as the history limits intend.
 */
package dev.tide.replicas.jobs;
