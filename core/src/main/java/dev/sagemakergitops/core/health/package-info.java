/**
 * Endpoint health: the one place where SageMaker's endpoint statuses are read.
 *
 * <p>{@link dev.sagemakergitops.core.health.EndpointHealthClassifier} turns one
 * {@code DescribeEndpoint} answer, the endpoint's unfinished inference experiments and its intent
 * tag into a {@link dev.sagemakergitops.core.health.HealthState}, the way gitops-engine's
 * {@code pkg/health} classifies Kubernetes resources. Safe deploy (whether to create, update,
 * attach or wait, and how a deployment ended), {@code status} (in sync, rolled back, updating, a
 * shadow test), {@code sync} (what is in flight before it plans) and {@code explain} (what to note)
 * all ask it, so they cannot read the same endpoint differently. Its rules and their sources are on
 * the classifier.
 *
 * <p>Stages that follow one step of their own (a change in place, a smoke test's way back, a shadow
 * test's settling, the checks before a shadow test) need a single status, not a classification: they
 * ask the classifier's predicates ({@code isInService}, {@code isCreating}, {@code isUpdating},
 * {@code isRollingBack}, {@code isSystemUpdating}, {@code isFailed}, {@code isStuck}), so that no
 * class outside this package names an {@code EndpointStatus} word. {@code EndpointStatusReadingTest}
 * (core's architecture tests) enforces it; the same words as inference-experiment or job statuses
 * are another vocabulary, listed there with the classes that read them.
 *
 * <p>{@link dev.sagemakergitops.core.health.EndpointHealthReader} makes the reads: one
 * {@code DescribeEndpoint}, the tags, and the inference experiments only when they can change the
 * answer. A plan reads an endpoint's health and then its lineage from one
 * {@link dev.sagemakergitops.core.health.EndpointReads}: its description and its tags are read once
 * for both, and again by the next plan or by a deploy's pre-flight, which must see AWS as it is just
 * before it changes anything.
 *
 * <p>{@link dev.sagemakergitops.core.health.IntentTag} is what safe deploy writes on the endpoint
 * as soon as SageMaker accepts an update ({@code sagemaker-gitops:endpoint-config}): the
 * configuration requested, the commit that requested it and the configuration it replaced. With it
 * a later run tells a rollback (the endpoint is back on the configuration it replaced) from a change
 * made outside Git (it serves something else), and {@code status} names the commit to revert even
 * when the configuration was reused from an earlier deploy.
 *
 * <p>Rollback detection lives here too, so that safe deploy (following its own update) and
 * {@code status} (afterwards) cannot disagree on it. {@link dev.sagemakergitops.core.health.Rollback}
 * is the reading of a health that says SageMaker rolled a deployment back ({@code ROLLED_BACK}) or
 * failed to ({@code UPDATE_ROLLBACK_FAILED}), with SageMaker's reason; {@link
 * dev.sagemakergitops.core.health.RollbackAlarms} looks at the rollback alarms, the early sign of a
 * rollback while a deployment bakes, and {@code Rollback.blame} names the alarms that fired. A look
 * judges a deployment's own alarms only (their states and the latest {@code StateUpdatedTimestamp}
 * among them), whether CloudWatch was asked for them alone or together with the alarms of the other
 * deployments its command follows ({@link dev.sagemakergitops.core.aws.SharedAlarmReads}).
 * ({@code core.git}'s {@code RevertCommitDetector} is about commits that undo commits, not this.)
 *
 * <p>The classification is judged in this order: terminal and maintenance statuses; a running
 * inference experiment; a deployment in progress (ours, someone else's, or a capacity change);
 * then, {@code InService}, the expected configuration (healthy) before the intent tag (rolled back
 * or changed outside Git). {@code FailureReason} is context, never a verdict.
 */
package dev.sagemakergitops.core.health;
