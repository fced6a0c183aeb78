/**
 * SageMaker batch transform on the local control plane:
 * {@link dev.sagemakergitops.local.sagemaker.transform.TransformJobs} serves
 * {@code CreateTransformJob}, {@code DescribeTransformJob}, {@code ListTransformJobs} and
 * {@code StopTransformJob}, and really transforms the input objects.
 *
 * <h2>State machine (simulated time)</h2>
 * {@code InProgress}; after the startup (4 min by default) {@code TransformStartTime} is set; after
 * the processing time (1 min more) the outputs are computed and written, and the job is
 * {@code Completed} or {@code Failed} with {@code TransformEndTime}.
 * {@code StopTransformJob}: {@code Stopping}, then {@code Stopped} after 30 s, nothing written.
 * Durations are a constructor argument
 * ({@link dev.sagemakergitops.local.sagemaker.transform.TransformJobs.Durations}). Jobs live in a
 * {@link dev.sagemakergitops.local.sagemaker.jobs.JobTable}, shared with training: a scheduled step
 * applies only to a job still {@code InProgress} (or {@code Stopping}), so a stop overtakes it.
 *
 * <h2>What a job computes</h2>
 * <ol>
 *   <li>The model is looked up in the {@link dev.sagemakergitops.local.spi.ModelCatalog} (SageMaker
 *       hosting's models) when the job is created — missing: {@code ValidationException}
 *       {@code Could not find model "arn:aws:sagemaker:<region>:<account>:model/<name>".} — and again
 *       when it runs. Its {@code ModelDataUrl} artifact is read from the
 *       {@link dev.sagemakergitops.local.spi.ObjectStore} and becomes a
 *       {@link dev.sagemakergitops.local.spi.LocalModel} (a model without artifact hashes as empty).
 *   <li>Input objects: every key under the {@code S3Prefix} URI, or the objects a
 *       {@code ManifestFile} lists ({@code [{"prefix": "s3://b/p/"}, "rel1", ...]});
 *       {@code CompressionType=Gzip} inputs are gunzipped.
 *   <li>{@code SplitType=None}: each object is one request; {@code Line}: each non-blank line is one.
 *       {@code RecordIO} and {@code TFRecord} fail the job.
 *   <li>For each CSV line of a request (fields split on commas, no quoting): {@code InputFilter}
 *       selects the features, the model scores them (6 decimals); with {@code JoinSource=Input} the
 *       prediction is appended after all the line's input columns; {@code OutputFilter} selects
 *       from that joined record. One output line per input line.
 *   <li>{@code AssembleWith=Line} ends every record's output with a newline; {@code None}
 *       concatenates the responses.
 *   <li>Each input {@code <prefix folder>/x.csv} gives {@code <S3OutputPath>/x.csv.out} (sub-folders
 *       kept), with {@code Accept} (default {@code text/csv}) as content type. Outputs are written
 *       only when every object succeeded: partial outputs are never uploaded.
 * </ol>
 *
 * <h2>JSONPath subset</h2>
 * {@link dev.sagemakergitops.local.sagemaker.transform.CsvPath}: {@code $}, {@code $[i]},
 * {@code $[i,j,...]} (negative indexes count from the end), {@code $[start:end]} (either bound
 * optional, negatives allowed, end exclusive). Other expressions (object paths such as
 * {@code $.features}, which AWS applies to JSON records) are refused at create time with a
 * {@code ValidationException}; JSON records are not transformed locally: every payload is scored as
 * CSV text.
 *
 * <h2>Failures (FailureReason)</h2>
 * {@code ClientError: No S3 objects found under S3 URL "..."}, {@code ClientError: Failed to download
 * model data from ...}, {@code ClientError: Could not find model "..."} (deleted after create),
 * {@code ClientError: Failed to process record ...} (a filter index outside the record).
 *
 * <h2>Errors</h2>
 * Missing job on Describe/Stop: {@code ValidationException} "Could not find requested job with name
 * &lt;name&gt;"; stop of a finished job: "The request was rejected because the transform job is in
 * status &lt;status&gt;."; duplicate name: {@code ResourceInUse}. {@code ListTransformJobs} sorts
 * by {@code CreationTime} {@code Descending} by default (as documented, unlike training jobs).
 */
package dev.sagemakergitops.local.sagemaker.transform;
