package dev.sagemakergitops.local.sagemaker.training;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sagemakergitops.local.Installation;
import dev.sagemakergitops.local.LocalService;
import dev.sagemakergitops.local.protocol.AwsServiceException;
import dev.sagemakergitops.local.protocol.Json;
import dev.sagemakergitops.local.protocol.RequestContext;
import dev.sagemakergitops.local.sagemaker.images.SupportedImages;
import dev.sagemakergitops.local.sagemaker.jobs.JobTable;
import dev.sagemakergitops.local.sagemaker.resources.SageMakerResources;
import dev.sagemakergitops.local.sagemaker.resources.SageMakerResources.S3Location;
import dev.sagemakergitops.local.sagemaker.training.TrainingJob.Metric;
import dev.sagemakergitops.local.sagemaker.training.TrainingJob.Transition;
import dev.sagemakergitops.local.spi.ObjectStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * SageMaker training jobs: {@code CreateTrainingJob}, {@code DescribeTrainingJob},
 * {@code ListTrainingJobs} and {@code StopTrainingJob}, running through SageMaker's documented
 * statuses on simulated time and writing a real model artifact to S3 (the installed
 * {@link ObjectStore}). See the package documentation for the state machine and its durations.
 */
public final class TrainingJobs implements LocalService {

  /**
   * How long each secondary status lasts in simulated time. {@link #DEFAULT} follows the order of
   * magnitude of a small real job (instances start in about a minute, training takes minutes).
   */
  public record Durations(Duration starting, Duration downloading, Duration training, Duration uploading,
      Duration stopping) {
    public static final Durations DEFAULT = new Durations(Duration.ofMinutes(1), Duration.ofMinutes(1),
        Duration.ofMinutes(5), Duration.ofMinutes(1), Duration.ofSeconds(30));

    /** From creation to Completed. */
    public Duration total() {
      return starting.plus(downloading).plus(training).plus(uploading);
    }
  }

  /** Members of CreateTrainingJob that DescribeTrainingJob answers as they were given. */
  private static final List<String> ECHOED = List.of("HyperParameters", "AlgorithmSpecification", "RoleArn",
      "InputDataConfig", "OutputDataConfig", "ResourceConfig", "VpcConfig", "CheckpointConfig", "DebugHookConfig",
      "ExperimentConfig", "DebugRuleConfigurations", "TensorBoardOutputConfig", "ProfilerConfig",
      "ProfilerRuleConfigurations", "Environment", "RetryStrategy", "RemoteDebugConfig", "InfraCheckConfig",
      "ServerlessJobConfig", "MlflowConfig", "ModelPackageConfig");

  private static final long DEFAULT_MAX_RUNTIME_SECONDS = 86_400;

  private final Durations durations;
  private final JobTable<TrainingJob> jobs = new JobTable<>(TrainingJob::region, TrainingJob::name);
  // Written by Java callers and the admin action, read by simulation events: kept thread-safe on its own.
  private final List<TrainingSimulation.PlannedFailure> plannedFailures = new CopyOnWriteArrayList<>();
  private Installation installation;
  private TrainingSimulation simulation;

  public TrainingJobs() {
    this(Durations.DEFAULT);
  }

  public TrainingJobs(Durations durations) {
    this.durations = durations;
  }

  public Durations durations() {
    return durations;
  }

  @Override
  public void install(Installation installation) {
    this.installation = installation;
    this.simulation = new TrainingSimulation(installation, durations, jobs, plannedFailures);
    installation.json("sagemaker", "SageMaker")
        .register("CreateTrainingJob", this::create)
        .register("DescribeTrainingJob", this::describe)
        .register("ListTrainingJobs", this::list)
        .register("StopTrainingJob", this::stop);
    installation.adminAction("failTrainingJob", (arguments, context) -> {
      String name = Json.text(arguments, "name");
      if (name == null || name.isEmpty()) {
        throw AwsServiceException.validation("failTrainingJob needs \"name\": a training job name or name prefix");
      }
      failJob(name, Json.text(arguments, "reason"));
      ObjectNode out = Json.object();
      out.put("name", name);
      out.put("pendingFailures", plannedFailures.size());
      return out;
    });
  }

  /**
   * Makes the current or next training job whose name equals or starts with {@code nameOrPrefix}
   * fail at the end of its {@code Training} step, with {@code FailureReason}
   * {@code AlgorithmError: <reason>} (a reason that already starts with {@code SomethingError:} is
   * kept as it is). Each call fails one job.
   *
   * @param reason what the algorithm reported; {@code null} for a generic message
   */
  public void failJob(String nameOrPrefix, String reason) {
    String text = reason == null || reason.isBlank() ? "the training script exited with a non-zero status (1)" : reason;
    plannedFailures.add(new TrainingSimulation.PlannedFailure(nameOrPrefix,
        text.matches("^[A-Za-z]+Error: .*") ? text : "AlgorithmError: " + text));
  }

  /** The job as the simulation knows it now; for Java callers, under {@code plane.withSimulation}. */
  public Optional<TrainingJob> job(String region, String name) {
    return jobs.find(region, name);
  }

  // ---------------------------------------------------------------------------------------------- API

  private JsonNode create(ObjectNode input, RequestContext context) {
    String name = Json.text(input, "TrainingJobName");
    String arn = context.arn("sagemaker", "training-job/" + name);
    if (jobs.in(context.region()).containsKey(name)) {
      throw AwsServiceException.resourceInUse("Training job names must be unique within an AWS account and region, "
          + "and a training job with this name already exists (" + arn + ")");
    }
    JsonNode algorithm = input.path("AlgorithmSpecification");
    if (isBlank(algorithm.path("TrainingImage")) && isBlank(algorithm.path("AlgorithmName"))) {
      // The model no longer requires AlgorithmSpecification (serverless training), but a job still needs something to run.
      throw AwsServiceException.validation(
          "Either TrainingImage or AlgorithmName must be specified in AlgorithmSpecification.");
    }
    new SupportedImages(installation).check(Json.text(algorithm, "TrainingImage"));
    String outputPath = input.path("OutputDataConfig").path("S3OutputPath").asText("");
    S3Location output;
    try {
      output = S3Location.parse(outputPath);
    } catch (IllegalArgumentException e) {
      throw AwsServiceException.validation("1 validation error detected: Value '" + outputPath
          + "' at 'outputDataConfig.s3OutputPath' failed to satisfy constraint: Member must satisfy regular "
          + "expression pattern: ^(https|s3)://([^/]+)/?(.*)$");
    }
    Instant now = context.now();
    String artifact = output.resolve(name + "/output/model.tar.gz").uri();
    TrainingJob job = new TrainingJob(context.region(), name, arn, input.deepCopy(), "InProgress", "Starting",
        List.of(new Transition("Starting", now, null, "Launching requested ML instances.")), now, now, null, null,
        null, artifact, List.of());
    jobs.put(job);
    SageMakerResources.storeTags(installation, arn, input.get("Tags"));
    simulation.start(job, now,
        input.path("StoppingCondition").path("MaxRuntimeInSeconds").asLong(DEFAULT_MAX_RUNTIME_SECONDS));
    ObjectNode out = Json.object();
    out.put("TrainingJobArn", arn);
    return out;
  }

  private JsonNode describe(ObjectNode input, RequestContext context) {
    TrainingJob job = existing(context.region(), Json.text(input, "TrainingJobName"));
    ObjectNode out = Json.object();
    out.put("TrainingJobName", job.name());
    out.put("TrainingJobArn", job.arn());
    out.putObject("ModelArtifacts").put("S3ModelArtifacts", job.modelArtifacts());
    out.put("TrainingJobStatus", job.status());
    out.put("SecondaryStatus", job.secondaryStatus());
    if (job.failureReason() != null) {
      out.put("FailureReason", job.failureReason());
    }
    ObjectNode request = job.request();
    for (String member : ECHOED) {
      SageMakerResources.copy(request, out, member);
    }
    if (request.hasNonNull("StoppingCondition")) {
      out.set("StoppingCondition", request.get("StoppingCondition").deepCopy());
    } else {
      // Required in the answer; SageMaker's default limit is one day.
      out.putObject("StoppingCondition").put("MaxRuntimeInSeconds", DEFAULT_MAX_RUNTIME_SECONDS);
    }
    out.put("CreationTime", Json.timestamp(job.creationTime()));
    if (job.trainingStartTime() != null) {
      out.put("TrainingStartTime", Json.timestamp(job.trainingStartTime()));
    }
    if (job.trainingEndTime() != null) {
      out.put("TrainingEndTime", Json.timestamp(job.trainingEndTime()));
      long seconds = Duration.between(job.trainingStartTime(), job.trainingEndTime()).toSeconds();
      out.put("TrainingTimeInSeconds", seconds);
      out.put("BillableTimeInSeconds", seconds);
    }
    out.put("LastModifiedTime", Json.timestamp(job.lastModifiedTime()));
    ArrayNode transitions = out.putArray("SecondaryStatusTransitions");
    for (Transition transition : job.transitions()) {
      ObjectNode item = transitions.addObject();
      item.put("Status", transition.status());
      item.put("StartTime", Json.timestamp(transition.start()));
      if (transition.end() != null) {
        item.put("EndTime", Json.timestamp(transition.end()));
      }
      item.put("StatusMessage", transition.message());
    }
    if (!job.finalMetrics().isEmpty()) {
      ArrayNode metrics = out.putArray("FinalMetricDataList");
      for (Metric metric : job.finalMetrics()) {
        metrics.addObject().put("MetricName", metric.name()).put("Value", (float) metric.value())
            .put("Timestamp", Json.timestamp(metric.timestamp()));
      }
    }
    out.put("EnableNetworkIsolation", request.path("EnableNetworkIsolation").asBoolean(false));
    out.put("EnableInterContainerTrafficEncryption",
        request.path("EnableInterContainerTrafficEncryption").asBoolean(false));
    out.put("EnableManagedSpotTraining", request.path("EnableManagedSpotTraining").asBoolean(false));
    return out;
  }

  private JsonNode list(ObjectNode input, RequestContext context) {
    // The model documents Ascending as ListTrainingJobs' default order.
    return jobs.list(input, context.region(), "Training", new SageMakerResources.JobFields<>(TrainingJob::name,
        TrainingJob::status, TrainingJob::creationTime, TrainingJob::lastModifiedTime), TrainingJob::arn,
        TrainingJob::trainingEndTime, "Ascending",
        (job, summary) -> summary.put("SecondaryStatus", job.secondaryStatus()));
  }

  private JsonNode stop(ObjectNode input, RequestContext context) {
    TrainingJob job = existing(context.region(), Json.text(input, "TrainingJobName"));
    if (!job.status().equals("InProgress")) {
      throw AwsServiceException.validation(
          "The request was rejected because the training job is in status " + job.status() + ".");
    }
    Instant now = context.now();
    TrainingJob stopping = job.enter("Stopping", "Stopping", "Stopping the training job.", now);
    jobs.put(stopping);
    simulation.stopAt(now.plus(durations.stopping()), stopping);
    return Json.object();
  }

  private TrainingJob existing(String region, String name) {
    TrainingJob job = name == null ? null : jobs.in(region).get(name);
    if (job == null) {
      // Not ResourceNotFound: the TrainingJobCompletedOrStopped waiter fails fast on this ValidationException.
      throw AwsServiceException.validation("Requested resource not found.");
    }
    return job;
  }

  /**
   * The value a job's final metric reports, with 4 decimals: in [0.70, 0.95) from a hash of the job
   * name, its hyperparameters and the metric name, so the same job spec scores the same.
   */
  public static double metricValue(String jobName, JsonNode hyperParameters, String metricName) {
    return TrainingArtifacts.metricValue(jobName, hyperParameters, metricName);
  }

  private static boolean isBlank(JsonNode node) {
    return node.isMissingNode() || node.isNull() || node.asText().isBlank();
  }
}
