package dev.sagemakergitops.local.sagemaker.transform;

import com.fasterxml.jackson.databind.JsonNode;
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
import dev.sagemakergitops.local.spi.LocalModel;
import dev.sagemakergitops.local.spi.ModelCatalog;
import dev.sagemakergitops.local.spi.ObjectStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * SageMaker batch transform: {@code CreateTransformJob}, {@code DescribeTransformJob},
 * {@code ListTransformJobs} and {@code StopTransformJob}. A job really transforms its input objects
 * with the {@link LocalModel} of its model's artifact; see the package documentation.
 */
public final class TransformJobs implements LocalService {

  /**
   * Simulated durations: instances coming up (then {@code TransformStartTime}), processing (then the
   * outputs are written and the job is {@code Completed}), and stopping.
   */
  public record Durations(Duration startup, Duration processing, Duration stopping) {
    public static final Durations DEFAULT =
        new Durations(Duration.ofMinutes(4), Duration.ofMinutes(1), Duration.ofSeconds(30));

    public Duration total() {
      return startup.plus(processing);
    }
  }

  /**
   * Members of CreateTransformJob that DescribeTransformJob answers as given: botocore's
   * DescribeTransformJobResponse has the same shapes, so {@code TransformOutput.KmsKeyId} and
   * {@code TransformResources.VolumeKmsKeyId} come back as the request named them (a key id, alias or
   * ARN, not resolved to the key's ARN; AWS documents no resolution).
   */
  private static final List<String> ECHOED = List.of("MaxConcurrentTransforms", "ModelClientConfig", "MaxPayloadInMB",
      "BatchStrategy", "Environment", "TransformInput", "TransformOutput", "DataCaptureConfig", "TransformResources",
      "DataProcessing", "ExperimentConfig");

  private final Durations durations;
  private final JobTable<TransformJob> jobs = new JobTable<>(TransformJob::region, TransformJob::name);
  private Installation installation;

  public TransformJobs() {
    this(Durations.DEFAULT);
  }

  public TransformJobs(Durations durations) {
    this.durations = durations;
  }

  public Durations durations() {
    return durations;
  }

  @Override
  public void install(Installation installation) {
    this.installation = installation;
    installation.json("sagemaker", "SageMaker")
        .register("CreateTransformJob", this::create)
        .register("DescribeTransformJob", this::describe)
        .register("ListTransformJobs", this::list)
        .register("StopTransformJob", this::stop);
  }

  /** The job as the simulation knows it now; for Java callers, under {@code plane.withSimulation}. */
  public Optional<TransformJob> job(String region, String name) {
    return jobs.find(region, name);
  }

  // ---------------------------------------------------------------------------------------------- API

  private JsonNode create(ObjectNode input, RequestContext context) {
    String name = Json.text(input, "TransformJobName");
    String arn = context.arn("sagemaker", "transform-job/" + name);
    if (jobs.in(context.region()).containsKey(name)) {
      throw AwsServiceException.resourceInUse("Job name must be unique within an AWS account and region, and a job "
          + "with this name already exists (" + arn + ")");
    }
    String modelName = Json.text(input, "ModelName");
    ModelCatalog.ModelRecord model = catalog().model(context.region(), modelName).orElseThrow(() ->
        AwsServiceException.validation("Could not find model \"" + context.arn("sagemaker", "model/" + modelName)
            + "\"."));
    new SupportedImages(installation).check(model.image());
    JsonNode processing = input.path("DataProcessing");
    for (String filter : List.of("InputFilter", "OutputFilter")) {
      try {
        CsvPath.parse(Json.text(processing, filter));
      } catch (IllegalArgumentException e) {
        // Refused up front: a filter the local transform cannot apply would only fail the job minutes later.
        throw AwsServiceException.validation("DataProcessing." + filter + " " + e.getMessage() + ".");
      }
    }
    for (String uri : List.of(input.path("TransformInput").path("DataSource").path("S3DataSource").path("S3Uri").asText(""),
        input.path("TransformOutput").path("S3OutputPath").asText(""))) {
      try {
        S3Location.parse(uri);
      } catch (IllegalArgumentException e) {
        throw AwsServiceException.validation("1 validation error detected: Value '" + uri + "' failed to satisfy "
            + "constraint: Member must satisfy regular expression pattern: ^(https|s3)://([^/]+)/?(.*)$");
      }
    }
    Instant now = context.now();
    TransformJob job = new TransformJob(context.region(), name, arn, input.deepCopy(), "InProgress", now, now, null,
        null, null);
    jobs.put(job);
    SageMakerResources.storeTags(installation, arn, input.get("Tags"));
    jobs.scheduleIf(installation.scheduler(), now.plus(durations.startup()), job, TransformJobs::inProgress,
        current -> current.started(installation.scheduler().current()));
    jobs.scheduleIf(installation.scheduler(), now.plus(durations.total()), job, TransformJobs::inProgress,
        this::finish);
    ObjectNode out = Json.object();
    out.put("TransformJobArn", arn);
    return out;
  }

  private JsonNode describe(ObjectNode input, RequestContext context) {
    TransformJob job = existing(context.region(), Json.text(input, "TransformJobName"));
    ObjectNode out = Json.object();
    out.put("TransformJobName", job.name());
    out.put("TransformJobArn", job.arn());
    out.put("TransformJobStatus", job.status());
    if (job.failureReason() != null) {
      out.put("FailureReason", job.failureReason());
    }
    out.put("ModelName", job.request().path("ModelName").asText());
    for (String member : ECHOED) {
      SageMakerResources.copy(job.request(), out, member);
    }
    out.put("CreationTime", Json.timestamp(job.creationTime()));
    if (job.startTime() != null) {
      out.put("TransformStartTime", Json.timestamp(job.startTime()));
    }
    if (job.endTime() != null) {
      out.put("TransformEndTime", Json.timestamp(job.endTime()));
    }
    return out;
  }

  private JsonNode list(ObjectNode input, RequestContext context) {
    // Unlike training jobs, the model documents Descending as ListTransformJobs' default order.
    return jobs.list(input, context.region(), "Transform", new SageMakerResources.JobFields<>(TransformJob::name,
        TransformJob::status, TransformJob::creationTime, TransformJob::lastModifiedTime), TransformJob::arn,
        TransformJob::endTime, "Descending", (job, summary) -> {
          if (job.failureReason() != null) {
            summary.put("FailureReason", job.failureReason());
          }
        });
  }

  private JsonNode stop(ObjectNode input, RequestContext context) {
    TransformJob job = existing(context.region(), Json.text(input, "TransformJobName"));
    if (!job.status().equals("InProgress")) {
      throw AwsServiceException.validation(
          "The request was rejected because the transform job is in status " + job.status() + ".");
    }
    jobs.put(job.withStatus("Stopping", context.now()));
    jobs.scheduleIf(installation.scheduler(), context.now().plus(durations.stopping()), job,
        current -> current.status().equals("Stopping"),
        current -> current.ended("Stopped", installation.scheduler().current(), null));
    return Json.object();
  }

  private TransformJob existing(String region, String name) {
    TransformJob job = name == null ? null : jobs.in(region).get(name);
    if (job == null) {
      // A ValidationException, not ResourceNotFound: the TransformJobCompletedOrStopped waiter fails fast on it.
      throw AwsServiceException.validation("Could not find requested job with name " + name);
    }
    return job;
  }

  private ModelCatalog catalog() {
    try {
      return installation.capability(ModelCatalog.class);
    } catch (IllegalStateException e) {
      throw new AwsServiceException("InternalFailure", 500,
          "The local control plane has no SageMaker hosting service installed to find models in.");
    }
  }

  // -------------------------------------------------------------------------------------- simulation

  private static boolean inProgress(TransformJob job) {
    return job.status().equals("InProgress");
  }

  /** The job after its processing: Completed with its outputs written, or Failed with nothing written. */
  private TransformJob finish(TransformJob current) {
    Instant at = installation.scheduler().current();
    try {
      ObjectStore store = objectStore();
      LocalModel model = model(current, store);
      List<BatchRun.Output> outputs = BatchRun.run(current.request(), store, model);
      // Written only once every input object was transformed: partial outputs are never uploaded.
      outputs.forEach(output -> store.put(output.bucket(), output.key(), output.content(), output.contentType()));
      return current.ended("Completed", at, null);
    } catch (BatchRun.Failure failure) {
      String reason = failure.getMessage();
      return current.ended("Failed", at, reason.length() > 1024 ? reason.substring(0, 1024) : reason);
    }
  }

  private ObjectStore objectStore() throws BatchRun.Failure {
    try {
      return installation.capability(ObjectStore.class);
    } catch (IllegalStateException e) {
      throw new BatchRun.Failure("InternalServerError: the local control plane has no S3 service to read input from.");
    }
  }

  /** The model the job names, as it is now (it may have been deleted since the job was created). */
  private LocalModel model(TransformJob job, ObjectStore store) throws BatchRun.Failure {
    String modelName = job.request().path("ModelName").asText();
    ModelCatalog catalog;
    try {
      catalog = installation.capability(ModelCatalog.class);
    } catch (IllegalStateException e) {
      throw new BatchRun.Failure("InternalServerError: the local control plane has no SageMaker hosting service.");
    }
    ModelCatalog.ModelRecord record = catalog.model(job.region(), modelName).orElseThrow(() ->
        new BatchRun.Failure("ClientError: Could not find model \"" + job.arn().replaceFirst(
            ":transform-job/.*", ":model/" + modelName) + "\"."));
    if (record.modelDataUrl() == null) {
      // A model without an artifact still predicts: LocalModel hashes the missing artifact as empty.
      return LocalModel.fromArtifact(null);
    }
    S3Location artifact;
    try {
      artifact = S3Location.parse(record.modelDataUrl());
    } catch (IllegalArgumentException e) {
      throw new BatchRun.Failure("ClientError: ModelDataUrl " + record.modelDataUrl() + " is not an S3 URI.");
    }
    byte[] bytes = store.get(artifact.bucket(), artifact.key()).orElseThrow(() -> new BatchRun.Failure(
        "ClientError: Failed to download model data from " + record.modelDataUrl()
            + ". Please ensure that the object exists and that the model's execution role can read it."));
    return LocalModel.fromArtifact(bytes);
  }
}
