package dev.sagemakergitops.core.aws;

import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DescribeModelPackageGroupResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeModelPackageResponse;

/**
 * The model registry: model package groups and versions. A missing group or version is a
 * {@code ValidationException} whose message ends "does not exist." (botocore models no error for
 * these Describe calls; the message is the one the ACK controller matches).
 */
public final class SageMakerModelPackages {
  private final SageMakerClient sageMaker;

  public SageMakerModelPackages(SageMakerClient sageMaker) {
    this.sageMaker = Objects.requireNonNull(sageMaker, "sageMaker");
  }

  /** {@code DescribeModelPackageGroup}, or empty when there is no group of that name. */
  public Optional<DescribeModelPackageGroupResponse> findGroup(String name) {
    return NotFound.unless(SageMakerErrors::isNotFound,
        () -> sageMaker.describeModelPackageGroup(r -> r.modelPackageGroupName(name)));
  }

  /** {@code DescribeModelPackage} of a version's ARN, or empty when it does not exist. */
  public Optional<DescribeModelPackageResponse> find(String packageArn) {
    return NotFound.unless(SageMakerErrors::isNotFound,
        () -> sageMaker.describeModelPackage(r -> r.modelPackageName(packageArn)));
  }
}
