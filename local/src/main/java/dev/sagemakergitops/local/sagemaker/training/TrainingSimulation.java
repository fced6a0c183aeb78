package dev.sagemakergitops.local.sagemaker.training;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sagemakergitops.local.Installation;
import dev.sagemakergitops.local.sagemaker.jobs.JobTable;
import dev.sagemakergitops.local.sagemaker.resources.SageMakerResources.S3Location;
import dev.sagemakergitops.local.spi.ObjectStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A training job's run on simulated time, from {@code Starting} through {@code Downloading},
 * {@code Training} and {@code Uploading} to {@code Completed} (or {@code Failed}, or {@code Stopped}
 * by {@code MaxRuntimeExceeded}); see the package documentation for the statuses, messages and
 * durations. Each step applies only to a job still in the step it expects.
 */
final class TrainingSimulation {
  /** A scenario fault: the next job whose name equals or starts with {@code nameOrPrefix} fails while training. */
  record PlannedFailure(String nameOrPrefix, String reason) {
    boolean matches(String jobName) {
      return jobName.equals(nameOrPrefix) || jobName.startsWith(nameOrPrefix);
    }
  }

  private final Installation installation;
  private final TrainingJobs.Durations durations;
  private final JobTable<TrainingJob> jobs;
  private final List<PlannedFailure> plannedFailures;

  TrainingSimulation(Installation installation, TrainingJobs.Durations durations, JobTable<TrainingJob> jobs,
      List<PlannedFailure> plannedFailures) {
    this.installation = installation;
    this.durations = durations;
    this.jobs = jobs;
    this.plannedFailures = plannedFailures;
  }

  /**
   * Schedules the run of a job just created at {@code now}: its steps, and the stop when
   * {@code maxRuntimeSeconds} (counted from the start of training, as SageMaker does) can bite.
   */
  void start(TrainingJob job, Instant now, long maxRuntimeSeconds) {
    Instant downloading = now.plus(durations.starting());
    schedule(downloading, job, "Starting", this::startDownloading);
    if (maxRuntimeSeconds < durations.total().minus(durations.starting()).toSeconds()) {
      // Only a limit that can bite is worth an event.
      jobs.scheduleIf(installation.scheduler(), downloading.plusSeconds(maxRuntimeSeconds), job,
          current -> current.status().equals("InProgress"), current -> {
            Instant at = now();
            return current.enter("Stopped", "MaxRuntimeExceeded",
                "Training job runtime exceeded MaxRuntimeInSeconds provided.", at).withTrainingEnd(at);
          });
    }
  }

  /** Ends a stopping job as {@code Stopped} at {@code at}, unless something else ended it first. */
  void stopAt(Instant at, TrainingJob stopping) {
    jobs.scheduleIf(installation.scheduler(), at, stopping, current -> current.status().equals("Stopping"),
        current -> {
          Instant now = now();
          return current.enter("Stopped", "Stopped", "The training job was stopped.", now).withTrainingEnd(now);
        });
  }

  /** Runs {@code step} at {@code at} on the job's current value if it is still in {@code expected}. */
  private void schedule(Instant at, TrainingJob job, String expected, UnaryOperator<TrainingJob> step) {
    jobs.scheduleIf(installation.scheduler(), at, job,
        current -> current.status().equals("InProgress") && current.secondaryStatus().equals(expected), step);
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
    store.put(artifact.bucket(), artifact.key(), TrainingArtifacts.artifactOf(job, inputObjects(job, store), at), "application/x-gzip");
    return job.enter("Completed", "Completed", "Training job completed.", at)
        .withTrainingEnd(at)
        .withFinalMetrics(TrainingArtifacts.finalMetrics(job, at));
  }

  static TrainingJob fail(TrainingJob job, String reason, Instant at) {
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
}
