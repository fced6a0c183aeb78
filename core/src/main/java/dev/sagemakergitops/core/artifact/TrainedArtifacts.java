package dev.sagemakergitops.core.artifact;

import dev.sagemakergitops.core.aws.SageMakerTrainingJobs;
import dev.sagemakergitops.core.operation.OperationContext;
import dev.sagemakergitops.core.operation.ResolvedManifest;
import dev.sagemakergitops.core.operation.train.TrainingJobDefinition;
import java.util.Optional;
import software.amazon.awssdk.services.sagemaker.model.DescribeTrainingJobResponse;
import software.amazon.awssdk.services.sagemaker.model.TrainingJobStatus;

/**
 * Finds the model artifact a training job produced, for registering it: the job named, or the one a
 * manifest's training spec is named after (what {@code train}/{@code sagemakerTrain} runs for that
 * manifest at that commit). Reads SageMaker only ({@code DescribeTrainingJob}).
 */
public final class TrainedArtifacts {
  private final OperationContext context;

  public TrainedArtifacts(OperationContext context) {
    this.context = context;
  }

  /**
   * The name of the training job {@code manifest}'s training spec runs under at its commit, for
   * {@code runKey} (a run trained again), or without one.
   *
   * @throws NullPointerException when the manifest has no training section (check first)
   */
  public String jobNameOf(ResolvedManifest manifest, String runKey) {
    return TrainingJobDefinition.of(manifest, context.build(), runKey).jobName();
  }

  /** The training job {@code jobName} in the manifest's region, or empty when it does not exist. */
  public Optional<TrainingJob> find(ResolvedManifest manifest, String jobName) {
    Optional<DescribeTrainingJobResponse> found =
        new SageMakerTrainingJobs(context.clients().sageMaker(context.regionOf(manifest))).find(jobName);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    DescribeTrainingJobResponse described = found.get();
    String artifact = described.modelArtifacts() == null ? null : described.modelArtifacts().s3ModelArtifacts();
    return Optional.of(new TrainingJob(jobName, described.trainingJobStatusAsString(), artifact));
  }

  /**
   * A training job as far as registering its artifact goes.
   *
   * @param name the job's name
   * @param status SageMaker's {@code TrainingJobStatus} ({@code InProgress}, {@code Completed} ...)
   * @param modelArtifact the {@code model.tar.gz} it wrote, or {@code null} while it has none
   */
  public record TrainingJob(String name, String status, String modelArtifact) {
    /** Whether the job completed and has an artifact to register. */
    public boolean completed() {
      return TrainingJobStatus.COMPLETED.toString().equals(status) && modelArtifact != null;
    }
  }
}
