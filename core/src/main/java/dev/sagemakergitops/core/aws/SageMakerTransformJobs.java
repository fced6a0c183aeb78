package dev.sagemakergitops.core.aws;

import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DescribeTransformJobResponse;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;

/**
 * SageMaker batch transform jobs by name. A missing job is {@code ValidationException "Could not find
 * requested job with name ..."} on AWS (botocore models {@code ResourceNotFound}; both are read as
 * not found), and {@code StopTransformJob} on a job that has ended is {@code ValidationException
 * "The request was rejected because the transform job is in status ..."}.
 */
public final class SageMakerTransformJobs {
  private final SageMakerClient sageMaker;

  public SageMakerTransformJobs(SageMakerClient sageMaker) {
    this.sageMaker = Objects.requireNonNull(sageMaker, "sageMaker");
  }

  /** {@code DescribeTransformJob}, or empty when there is no job of that name. */
  public Optional<DescribeTransformJobResponse> find(String name) {
    return NotFound.unless(SageMakerErrors::isNotFound,
        () -> sageMaker.describeTransformJob(r -> r.transformJobName(name)));
  }

  /** {@code StopTransformJob}; a job that does not exist (yet) or has already ended needs no stop. */
  public void stop(String name) {
    try {
      sageMaker.stopTransformJob(r -> r.transformJobName(name));
    } catch (SageMakerException e) {
      if (!SageMakerErrors.isNotFound(e) && !SageMakerErrors.message(e).contains("rejected because")) {
        throw e;
      }
    }
  }
}
