/**
 * SageMaker training jobs on the local control plane:
 * {@link dev.sagemakergitops.local.sagemaker.training.TrainingJobs} serves {@code CreateTrainingJob},
 * {@code DescribeTrainingJob}, {@code ListTrainingJobs} and {@code StopTrainingJob}.
 *
 * <h2>State machine (simulated time)</h2>
 * With the default {@link dev.sagemakergitops.local.sagemaker.training.TrainingJobs.Durations}
 * (configurable through the constructor):
 * <pre>
 * InProgress/Starting    1 min   "Launching requested ML instances."
 * InProgress/Downloading 1 min   TrainingStartTime set here (billing starts); S3 channels must hold objects
 * InProgress/Training    5 min   a planned failure (failJob) fires at the end of this step
 * InProgress/Uploading   1 min
 * Completed/Completed            model.tar.gz written, TrainingEndTime, FinalMetricDataList
 * </pre>
 * Every step is a {@code SecondaryStatusTransitions} entry with {@code StartTime}, {@code EndTime}
 * (once left) and {@code StatusMessage}. {@code TrainingTimeInSeconds} and
 * {@code BillableTimeInSeconds} both run from {@code TrainingStartTime} to {@code TrainingEndTime}
 * (no spot savings are simulated). State changes are stamped with the scheduler's event time, so a
 * job that completed at 10:08 says so when first asked at 11:00.
 *
 * <ul>
 *   <li><b>Stop</b>: {@code StopTrainingJob} on an {@code InProgress} job gives
 *       {@code Stopping/Stopping}, then after 30 s {@code Stopped/Stopped}; no artifact is written.
 *       On any other status: {@code ValidationException} "The request was rejected because the
 *       training job is in status &lt;status&gt;."
 *   <li><b>MaxRuntimeInSeconds</b> shorter than Downloading + Training + Uploading stops the job at
 *       {@code TrainingStartTime + MaxRuntimeInSeconds} with secondary status
 *       {@code MaxRuntimeExceeded}. Without a {@code StoppingCondition} the answer shows SageMaker's
 *       one-day default.
 *   <li><b>Failures</b>: an S3 channel whose prefix holds no object fails the job at the end of
 *       Downloading with SageMaker's {@code ClientError: No S3 objects found under S3 URL ...}.
 *       A planned failure fails it at the end of Training with {@code AlgorithmError: <reason>}.
 *   <li><b>Errors</b>: duplicate name: {@code ResourceInUse} "Training job names must be unique
 *       within an AWS account and region, and a training job with this name already exists
 *       (&lt;arn&gt;)"; missing job on Describe/Stop: {@code ValidationException} "Requested resource
 *       not found." (the {@code TrainingJobCompletedOrStopped} waiter fails fast on it); neither
 *       {@code TrainingImage} nor {@code AlgorithmName}: {@code ValidationException} (the model no
 *       longer requires {@code AlgorithmSpecification}, so this check is the service's own).
 * </ul>
 *
 * <h2>The model artifact</h2>
 * On completion the job writes {@code <S3OutputPath>/<TrainingJobName>/output/model.tar.gz} through
 * the installed {@link dev.sagemakergitops.local.spi.ObjectStore} (S3): a gzip'd ustar archive
 * ({@link dev.sagemakergitops.local.sagemaker.training.ModelArchive}) holding {@code model.json}
 * with {@code trainingJobName}, {@code hyperParameters} and {@code inputObjects} (the S3 URIs of
 * every object under the job's S3 channels). Its bytes are deterministic for a given job, so the
 * {@link dev.sagemakergitops.local.spi.LocalModel} that hosting and batch transform build from it is
 * too. {@code ModelArtifacts.S3ModelArtifacts} (required in the answer) names that location from
 * the start; the object exists once the job is {@code Completed}.
 *
 * <h2>Metrics</h2>
 * {@code FinalMetricDataList} has one entry per {@code AlgorithmSpecification.MetricDefinitions}
 * name, or {@code validation:auc} when none is defined, with a value in [0.70, 0.95) from a hash of
 * the job name, the metric name and the sorted hyperparameters
 * ({@link dev.sagemakergitops.local.sagemaker.training.TrainingJobs#metricValue}).
 *
 * <h2>Scenario control</h2>
 * {@code TrainingJobs.failJob(nameOrPrefix, reason)}, or {@code POST /_local/actions/failTrainingJob}
 * with {@code {"name": "churn-", "reason": "loss diverged"}}: the current or next job whose name
 * equals or starts with {@code name} fails at the end of its Training step. One call, one failure.
 *
 * <h2>Classes</h2>
 * {@code TrainingJobs} answers the API; {@code TrainingSimulation} runs a job through its statuses
 * on simulated time (each step applies only to a job still in the step it expects, through the
 * {@link dev.sagemakergitops.local.sagemaker.jobs.JobTable} shared with batch transform);
 * {@code TrainingArtifacts} makes the artifact and the metrics.
 */
package dev.sagemakergitops.local.sagemaker.training;
