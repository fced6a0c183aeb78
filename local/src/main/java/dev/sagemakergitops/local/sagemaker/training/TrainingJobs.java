package dev.sagemakergitops.local.sagemaker.training;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sagemakergitops.local.Installation;
import dev.sagemakergitops.local.LocalService;
import dev.sagemakergitops.local.sagemaker.images.SupportedImages;
import dev.sagemakergitops.local.protocol.AwsServiceException;
import dev.sagemakergitops.local.protocol.Json;
import dev.sagemakergitops.local.protocol.RequestContext;
import dev.sagemakergitops.local.sagemaker.resources.SageMakerResources;
import dev.sagemakergitops.local.sagemaker.resources.SageMakerResources.S3Location;
import dev.sagemakergitops.local.sagemaker.training.TrainingJob.Metric;
import dev.sagemakergitops.local.sagemaker.training.TrainingJob.Transition;
import dev.sagemakergitops.local.spi.ObjectStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

  /** A scenario fault: the next job whose name equals or starts with {@code nameOrPrefix} fails while training. */
  private record PlannedFailure(String nameOrPrefix, String reason) {
    boolean matches(String jobName) {
      return jobName.equals(nameOrPrefix) || jobName.startsWith(nameOrPrefix);
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
  private final Map<String, Map<String, TrainingJob>> jobsByRegion = new LinkedHashMap<>();
  // Written by Java callers and the admin action, read by simulation events: kept thread-safe on its own.
  private final List<PlannedFailure> plannedFailures = new CopyOnWriteArrayList<>();
  private Installation installation;

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
    plannedFailures.add(new PlannedFailure(nameOrPrefix,
        text.matches("^[A-Za-z]+Error: .*") ? text : "AlgorithmError: " + text));
  }

  /** The job as the simulation knows it now; for Java callers, under {@code plane.withSimulation}. */
  public Optional<TrainingJob> job(String region, String name) {
    return Optional.ofNullable(jobs(region).get(name));
  }

  private Map<String, TrainingJob> jobs(String region) {
    return jobsByRegion.computeIfAbsent(region, any -> new LinkedHashMap<>());
  }

  // ---------------------------------------------------------------------------------------------- API

  private JsonNode create(ObjectNode input, RequestContext context) {
    String name = Json.text(input, "TrainingJobName");
    String arn = context.arn("sagemaker", "training-job/" + name);
    Map<String, TrainingJob> jobs = jobs(context.region());
    if (jobs.containsKey(name)) {
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
    jobs.put(name, job);
    SageMakerResources.storeTags(installation, arn, input.get("Tags"));

    Instant downloading = now.plus(durations.starting());
    installation.scheduler().schedule(downloading, () -> advance(job, "Starting", this::startDownloading));
    long maxRuntime = input.path("StoppingCondition").path("MaxRuntimeInSeconds").asLong(DEFAULT_MAX_RUNTIME_SECONDS);
    if (maxRuntime < durations.total().minus(durations.starting()).toSeconds()) {
      // Only a limit that can bite is worth an event; the check counts from the start of training, as SageMaker does.
      installation.scheduler().schedule(downloading.plusSeconds(maxRuntime), () -> maxRuntimeExceeded(job));
    }
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
    List<TrainingJob> matching = SageMakerResources.filterJobs(input, jobs(context.region()).values(),
        new SageMakerResources.JobFields<>(TrainingJob::name, TrainingJob::status, TrainingJob::creationTime, TrainingJob::lastModifiedTime), "Ascending");
    SageMakerResources.Page<TrainingJob> page = SageMakerResources.page(matching, input, 10);
    ObjectNode out = Json.object();
    ArrayNode summaries = out.putArray("TrainingJobSummaries");
    for (TrainingJob job : page.items()) {
      ObjectNode summary = summaries.addObject();
      summary.put("TrainingJobName", job.name());
      summary.put("TrainingJobArn", job.arn());
      summary.put("CreationTime", Json.timestamp(job.creationTime()));
      if (job.trainingEndTime() != null) {
        summary.put("TrainingEndTime", Json.timestamp(job.trainingEndTime()));
      }
      summary.put("LastModifiedTime", Json.timestamp(job.lastModifiedTime()));
      summary.put("TrainingJobStatus", job.status());
      summary.put("SecondaryStatus", job.secondaryStatus());
    }
    if (page.nextToken() != null) {
      out.put("NextToken", page.nextToken());
    }
    return out;
  }

  private JsonNode stop(ObjectNode input, RequestContext context) {
    TrainingJob job = existing(context.region(), Json.text(input, "TrainingJobName"));
    if (!job.status().equals("InProgress")) {
      throw AwsServiceException.validation(
          "The request was rejected because the training job is in status " + job.status() + ".");
    }
    Instant now = context.now();
    TrainingJob stopping = job.enter("Stopping", "Stopping", "Stopping the training job.", now);
    put(stopping);
    installation.scheduler().schedule(now.plus(durations.stopping()), () -> {
      TrainingJob current = jobs(stopping.region()).get(stopping.name());
      if (current != null && current.status().equals("Stopping")) {
        Instant at = installation.scheduler().current();
        put(current.enter("Stopped", "Stopped", "The training job was stopped.", at).withTrainingEnd(at));
      }
    });
    return Json.object();
  }

  private TrainingJob existing(String region, String name) {
    TrainingJob job = name == null ? null : jobs(region).get(name);
    if (job == null) {
      // Not ResourceNotFound: the TrainingJobCompletedOrStopped waiter fails fast on this ValidationException.
      throw AwsServiceException.validation("Requested resource not found.");
    }
    return job;
  }

  // -------------------------------------------------------------------------------------- simulation

  /** Runs {@code step} on the job's current value if it is still in {@code expected} (a stop or failure may have overtaken it). */
  private void advance(TrainingJob created, String expected, java.util.function.Function<TrainingJob, TrainingJob> step) {
    TrainingJob current = jobs(created.region()).get(created.name());
    if (current != null && current.status().equals("InProgress") && current.secondaryStatus().equals(expected)) {
      put(step.apply(current));
    }
  }

  private void put(TrainingJob job) {
    jobs(job.region()).put(job.name(), job);
  }

  private Instant now() {
    return installation.scheduler().current();
  }

  private TrainingJob startDownloading(TrainingJob job) {
    Instant at = now();
    schedule(at.plus(durations.downloading()), job, "Downloading", this::startTraining);
    return job.enter("InProgress", "Downloading", "Starting the training job. Downloading input data.", at)
        .withTrainingStart(at);
  }

  private TrainingJob startTraining(TrainingJob job) {
    Instant at = now();
    Optional<String> missing = missingInput(job);
    if (missing.isPresent()) {
      return fail(job, missing.get(), at);
    }
    schedule(at.plus(durations.training()), job, "Training", this::startUploading);
    return job.enter("InProgress", "Training", "Training image download completed. Training in progress.", at);
  }

  private TrainingJob startUploading(TrainingJob job) {
    Instant at = now();
    for (PlannedFailure failure : plannedFailures) {
      if (failure.matches(job.name()) && plannedFailures.remove(failure)) {
        return fail(job, failure.reason(), at);
      }
    }
    schedule(at.plus(durations.uploading()), job, "Uploading", this::complete);
    return job.enter("InProgress", "Uploading", "Uploading generated training model.", at);
  }

  private TrainingJob complete(TrainingJob job) {
    Instant at = now();
    ObjectStore store;
    try {
      store = installation.capability(ObjectStore.class);
    } catch (IllegalStateException e) {
      return fail(job, "InternalServerError: the local control plane has no S3 service to upload the model to.", at);
    }
    S3Location artifact = S3Location.parse(job.modelArtifacts());
    store.put(artifact.bucket(), artifact.key(), artifactOf(job, inputObjects(job, store), at), "application/x-gzip");
    return job.enter("Completed", "Completed", "Training job completed.", at)
        .withTrainingEnd(at)
        .withFinalMetrics(finalMetrics(job, at));
  }

  private void maxRuntimeExceeded(TrainingJob created) {
    TrainingJob current = jobs(created.region()).get(created.name());
    if (current != null && current.status().equals("InProgress")) {
      Instant at = now();
      put(current.enter("Stopped", "MaxRuntimeExceeded",
          "Training job runtime exceeded MaxRuntimeInSeconds provided.", at).withTrainingEnd(at));
    }
  }

  private void schedule(Instant at, TrainingJob job, String expected,
      java.util.function.Function<TrainingJob, TrainingJob> step) {
    installation.scheduler().schedule(at, () -> advance(job, expected, step));
  }

  private static TrainingJob fail(TrainingJob job, String reason, Instant at) {
    return job.enter("Failed", "Failed", "Training job failed. Reason: " + reason, at)
        .withTrainingEnd(at)
        .withFailureReason(reason.length() > 1024 ? reason.substring(0, 1024) : reason);
  }

  /** SageMaker's ClientError for an S3 channel without objects, as the download step reports it. */
  private Optional<String> missingInput(TrainingJob job) {
    List<S3Location> channels = s3Channels(job);
    if (channels.isEmpty()) {
      return Optional.empty();
    }
    ObjectStore store;
    try {
      store = installation.capability(ObjectStore.class);
    } catch (IllegalStateException e) {
      return Optional.of("InternalServerError: the local control plane has no S3 service to download input data from.");
    }
    for (S3Location channel : channels) {
      if (store.list(channel.bucket(), channel.key()).isEmpty()) {
        return Optional.of("ClientError: No S3 objects found under S3 URL \"" + channel.uri()
            + "\" given in input data source. Please ensure that the bucket exists in the selected region ("
            + job.region() + "), that objects exist under that S3 prefix, and that the role \""
            + job.request().path("RoleArn").asText() + "\" has \"s3:ListBucket\" permissions on bucket \""
            + channel.bucket() + "\".");
      }
    }
    return Optional.empty();
  }

  private static List<S3Location> s3Channels(TrainingJob job) {
    List<S3Location> channels = new ArrayList<>();
    for (JsonNode channel : job.request().path("InputDataConfig")) {
      JsonNode source = channel.path("DataSource").path("S3DataSource");
      if (source.hasNonNull("S3Uri")) {
        channels.add(S3Location.parse(source.get("S3Uri").asText()));
      }
    }
    return channels;
  }

  private static List<String> inputObjects(TrainingJob job, ObjectStore store) {
    List<String> objects = new ArrayList<>();
    for (S3Location channel : s3Channels(job)) {
      for (String key : store.list(channel.bucket(), channel.key())) {
        objects.add("s3://" + channel.bucket() + "/" + key);
      }
    }
    return objects;
  }

  /** {@code model.tar.gz} with one {@code model.json}: the job name, its hyperparameters and the input objects it read. */
  static byte[] artifactOf(TrainingJob job, List<String> inputObjects, Instant at) {
    ObjectNode model = Json.object();
    model.put("trainingJobName", job.name());
    model.set("hyperParameters", job.request().path("HyperParameters").isObject()
        ? job.request().get("HyperParameters").deepCopy() : Json.object());
    ArrayNode inputs = model.putArray("inputObjects");
    inputObjects.forEach(inputs::add);
    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put("model.json", model.toPrettyString().getBytes(StandardCharsets.UTF_8));
    return ModelArchive.tarGz(entries, at.getEpochSecond());
  }

  /**
   * One metric per {@code AlgorithmSpecification.MetricDefinitions} name, or {@code validation:auc}
   * when none is defined; each value in [0.70, 0.95) from a hash of the job name and its
   * hyperparameters, so the same job spec scores the same and a changed one scores differently.
   */
  static List<Metric> finalMetrics(TrainingJob job, Instant at) {
    List<String> names = new ArrayList<>();
    for (JsonNode definition : job.request().path("AlgorithmSpecification").path("MetricDefinitions")) {
      names.add(definition.path("Name").asText());
    }
    if (names.isEmpty()) {
      names.add("validation:auc");
    }
    List<Metric> metrics = new ArrayList<>();
    for (String name : names) {
      metrics.add(new Metric(name, metricValue(job.name(), job.request().path("HyperParameters"), name), at));
    }
    return metrics;
  }

  /** The value {@link #finalMetrics} reports, with 4 decimals. */
  public static double metricValue(String jobName, JsonNode hyperParameters, String metricName) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update((jobName + "\n" + metricName + "\n").getBytes(StandardCharsets.UTF_8));
      if (hyperParameters != null && hyperParameters.isObject()) {
        // Sorted, so that the order of the request's map does not matter.
        java.util.TreeMap<String, String> sorted = new java.util.TreeMap<>();
        hyperParameters.properties().forEach(e -> sorted.put(e.getKey(), e.getValue().asText()));
        sorted.forEach((key, value) -> sha.update((key + "=" + value + "\n").getBytes(StandardCharsets.UTF_8)));
      }
      byte[] digest = sha.digest();
      int bits = ((digest[0] & 0xff) << 8) | (digest[1] & 0xff);
      return Math.round((0.70 + 0.25 * bits / 65536.0) * 10_000) / 10_000.0;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  private static boolean isBlank(JsonNode node) {
    return node.isMissingNode() || node.isNull() || node.asText().isBlank();
  }
}
