/**
 * The batch transform: one named transform of a manifest's {@code spec.batchTransforms}, run as a
 * SageMaker transform job over the manifest's model.
 *
 * <h2>Use</h2>
 *
 * <pre>{@code
 * BatchTransformOperation transform = new BatchTransformOperation(context);
 * runner.run(transform, BatchTransformRequest.of(resolvedManifest, "nightly-scoring"), store, key);
 * // a nightly run keyed by date rather than by commit:
 * runner.run(transform, new BatchTransformRequest(resolvedManifest, "nightly-scoring", "2026-11-02"), store, key);
 * }</pre>
 *
 * <h2>What happens</h2>
 *
 * <ol>
 *   <li>{@code begin} finds the transform (an unknown name is reported at
 *       {@code spec.batchTransforms}, with the names the manifest has) and reads the model package;
 *       nothing is created.
 *   <li>The manifest's model is created unless it exists ({@code ServingModels}). The job is
 *       described first and attached to when it exists; otherwise {@code CreateTransformJob} with
 *       the manifest's input (S3 prefix, content type, split, compression), output (path, accept,
 *       assemble), data processing ({@code InputFilter}, {@code JoinSource}, {@code OutputFilter}),
 *       batch strategy, payload, concurrency, instances and lineage tags.
 *   <li>The job is described until it ends: {@code Completed} succeeds with the output location
 *       ({@code S3OutputPath}; each input object {@code x.csv} gives {@code x.csv.out});
 *       {@code Failed} fails with SageMaker's {@code FailureReason}; {@code Stopped} is a
 *       cancellation.
 * </ol>
 *
 * <h2>Names and run keys</h2>
 *
 * The job is {@code <manifest>-<transform>-<12 hex>}, a hash of the model's name, every setting of
 * the transform and a run key. The run key defaults to the commit id, so re-running a commit
 * attaches to the job it started (and reports its outcome again, even a failure); a caller that
 * wants one job per night passes the date instead. A failed job is retried by passing another run
 * key, since its name stays taken. The KMS keys ({@code output.kmsKeyId} for the results in S3,
 * {@code volumeKmsKeyId} for the instances' storage volumes) are sent as
 * {@code TransformOutput.KmsKeyId} and {@code TransformResources.VolumeKmsKeyId} and enter the hash
 * only when set, so a transform without them keeps the job names it always had.
 */
package dev.sagemakergitops.core.operation.transform;
