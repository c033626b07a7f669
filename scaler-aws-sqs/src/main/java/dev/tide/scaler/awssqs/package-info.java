/**
 * Trigger type {@code aws-sqs-queue}: the approximate length of an Amazon SQS queue (visible messages, plus those in
 * flight and delayed as the trigger selects), read with {@code GetQueueAttributes} as KEDA's aws-sqs-queue scaler
 * reads it: the same parameters, credentials (access keys, {@code awsRoleArn}, {@code podIdentity: aws}, the
 * operator's own identity), metric name and messages. One AWS SDK client per region, endpoint and credential, shared
 * by the triggers that use it; {@code docs/compatibility.md} lists what differs from KEDA.
 */
package dev.tide.scaler.awssqs;
