package dev.sagemakergitops.core.aws;

import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.CreateTrainingJobRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeTrainingJobResponse;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;

/**
 * SageMaker training jobs by name. A missing job is {@code ValidationException "Requested resource
 * not found."} on AWS (botocore models {@code ResourceNotFound}; both are read as not found), and
 * {@code StopTrainingJob} on a job that has ended is {@code ValidationException "The request was
 * rejected because the training job is in status ..."}.
 */
public final class SageMakerTrainingJobs {
  private final SageMakerClient sageMaker;

  public SageMakerTrainingJobs(SageMakerClient sageMaker) {
    this.sageMaker = Objects.requireNonNull(sageMaker, "sageMaker");
  }

  /** {@code DescribeTrainingJob}, or empty when there is no job of that name. */
  public Optional<DescribeTrainingJobResponse> find(String name) {
    return NotFound.unless(SageMakerErrors::isNotFound,
        () -> sageMaker.describeTrainingJob(r -> r.trainingJobName(name)));
  }

  /**
   * {@code CreateTrainingJob}.
   *
   * @return the job's ARN, or empty when a job of that name exists already
   */
  public Optional<String> create(CreateTrainingJobRequest request) {
    try {
      return Optional.of(sageMaker.createTrainingJob(request).trainingJobArn());
    } catch (SageMakerException e) {
      if (SageMakerErrors.isAlreadyExists(e)) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /** {@code StopTrainingJob}; a job that does not exist or has already ended needs no stop. */
  public void stop(String name) {
    try {
      sageMaker.stopTrainingJob(r -> r.trainingJobName(name));
    } catch (SageMakerException e) {
      boolean ended = SageMakerErrors.message(e).contains("rejected because the training job is in status");
      if (!ended && !SageMakerErrors.isNotFound(e)) {
        throw e;
      }
    }
  }
}
