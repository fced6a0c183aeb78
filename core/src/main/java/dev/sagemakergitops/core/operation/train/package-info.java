/**
 * {@code sagemakerTrain}: a SageMaker training job from a manifest's {@code spec.training}.
 *
 * <h2>What it does</h2>
 *
 * <p>{@link dev.sagemakergitops.core.operation.train.TrainOperation} resolves the training spec
 * into a {@link dev.sagemakergitops.core.operation.train.TrainingJobDefinition}: the training image
 * pinned by digest ({@code spec.training.image}, else {@code spec.image}), role, instances,
 * volume, maximum runtime, input channels, output path, hyperparameters and network. The job is
 * named {@code <manifest name>-<12 hex digits>} from a hash of exactly these fields, so:
 *
 * <ul>
 *   <li>running the same spec again, at the same or a later commit, finds the job and reuses its
 *       artifact: zero {@code CreateTrainingJob};
 *   <li>changing any of them (a new image digest, new data, a hyperparameter) trains anew;
 *   <li>a run that died is resumed, or started again, and attaches to the job it created;
 *   <li>a {@link dev.sagemakergitops.core.operation.train.TrainRequest#runKey() run key} enters the hash
 *       (only when given, so other names never change) and trains the same spec again under a new
 *       name: the retry of a transient failure (capacity, spot interruption) without editing the spec.
 * </ul>
 *
 * <h2>Polls</h2>
 *
 * <p>Each poll asks {@code DescribeTrainingJob} for the name. No job: {@code CreateTrainingJob}
 * with the lineage tags ({@code sagemaker-gitops:*}: repository, commit, manifest path and blob,
 * training image tag and digest, build) and {@code StoppingCondition}; a create answered
 * {@code ResourceInUse} attaches. A job: every {@code TrainingJobStatus} change and every new
 * {@code SecondaryStatusTransitions} entry becomes an event (the state counts the entries already
 * reported, so steps between two polls are not lost); {@code Completed} succeeds with a
 * {@link dev.sagemakergitops.core.operation.train.TrainResult} (job, artifact
 * {@code ModelArtifacts.S3ModelArtifacts}, image digest, {@code FinalMetricDataList});
 * {@code Failed} fails with {@code FailureReason}; {@code Stopped} is a cancellation (or a
 * time-out when the secondary status says {@code MaxRuntimeExceeded}). A failed job is not
 * retried under the same name: the spec must change.
 *
 * <p>The first poll after a create waits the polling policy's provisioning estimate (instances take
 * minutes), later ones its interval. {@code cancel} is {@code StopTrainingJob}, which is harmless
 * on a job that has finished or does not exist.
 */
package dev.sagemakergitops.core.operation.train;
