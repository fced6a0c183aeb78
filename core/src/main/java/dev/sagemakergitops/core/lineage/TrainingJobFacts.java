package dev.sagemakergitops.core.lineage;

import java.util.Optional;
import software.amazon.awssdk.services.sagemaker.model.DescribeTrainingJobResponse;

/** The training job part of an explanation: its status, its artifact and its lineage tags. */
final class TrainingJobFacts {
  private TrainingJobFacts() {}

  static Explanation.TrainingJob trainingJob(ExplanationReading reading, String name, String servedArtifact) {
    if (name == null) {
      return null;
    }
    Optional<DescribeTrainingJobResponse> response = reading.read(
        () -> reading.sageMaker.describeTrainingJob(r -> r.trainingJobName(name)),
        "training job " + name + " named by the lineage no longer exists (SageMaker keeps jobs, so it may be in"
            + " another account or region)", "training job " + name);
    if (response.isEmpty()) {
      return null;
    }
    TaggedLineage tags = reading.tags(response.get().trainingJobArn(), "training job " + name);
    Explanation.TrainingJob job = trainingJobFacts(response.get(), tags.lineage());
    noteTrainingStatus(reading, job);
    if ("Completed".equals(job.status()) && servedArtifact != null && !servedArtifact.equals(job.artifact())) {
      reading.note("training job " + name + " produced " + job.artifact() + ", not the artifact " + servedArtifact);
    }
    return job;
  }

  static Explanation.TrainingJob trainingJobFacts(DescribeTrainingJobResponse response, Lineage lineage) {
    return new Explanation.TrainingJob(response.trainingJobName(), response.trainingJobArn(),
        response.trainingJobStatusAsString(), response.secondaryStatusAsString(),
        response.modelArtifacts() == null ? null : response.modelArtifacts().s3ModelArtifacts(),
        response.failureReason(), response.creationTime(), response.trainingEndTime(), lineage);
  }

  static void noteTrainingStatus(ExplanationReading reading, Explanation.TrainingJob job) {
    if (!"Completed".equals(job.status())) {
      reading.note("training job " + job.name() + " is " + job.status()
          + (job.failureReason() == null ? "" : ": " + job.failureReason()));
    }
  }
}
