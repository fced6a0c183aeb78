package dev.sagemakergitops.core.operation.register;

import dev.sagemakergitops.core.aws.SageMakerModelPackages;
import java.util.Optional;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DescribeModelPackageResponse;
import software.amazon.awssdk.services.sagemaker.model.ListModelPackagesRequest;
import software.amazon.awssdk.services.sagemaker.model.ListModelPackagesResponse;
import software.amazon.awssdk.services.sagemaker.model.ModelPackageSortBy;
import software.amazon.awssdk.services.sagemaker.model.ModelPackageSummary;
import software.amazon.awssdk.services.sagemaker.model.ModelPackageType;
import software.amazon.awssdk.services.sagemaker.model.SortOrder;

/**
 * Finds the version of a group that already serves a registration's artifact with its image
 * digest. Read-only.
 *
 * <p>{@code ListModelPackages} (versioned, newest first, 100 a page, every page until a match) gives
 * the candidates with their descriptions, which carry sagemaker-gitops's registration key. A version
 * with the same key is described to confirm it (its containers' artifact and image digest); a version
 * with another key is skipped without a call. A version without a key (registered by hand, or by a
 * SageMaker Pipeline) can only be compared by describing it, so only the newest
 * {@value #UNKEYED_DESCRIBE_LIMIT} of them are: a group of hundreds of pipeline-registered versions
 * would otherwise cost hundreds of {@code DescribeModelPackage} calls per registration, and be
 * throttled. An older hand-registered version of the same artifact is therefore not reused; a new
 * version is registered beside it. Cost: {@code ⌈versions / 100⌉} {@code ListModelPackages} plus at
 * most {@value #UNKEYED_DESCRIBE_LIMIT} + 1 {@code DescribeModelPackage}. Newest first, because the
 * version a crashed attempt just created is the newest.
 */
final class RegisteredVersions {
  /** How many versions without a registration key are described, newest first, before giving up on them. */
  static final int UNKEYED_DESCRIBE_LIMIT = 5;

  private final SageMakerClient sageMaker;

  RegisteredVersions(SageMakerClient sageMaker) {
    this.sageMaker = sageMaker;
  }

  /** The version registered with the same artifact and image digest, if any. */
  Optional<DescribeModelPackageResponse> find(PackageRegistration registration) {
    ListModelPackagesRequest request = ListModelPackagesRequest.builder()
        .modelPackageGroupName(registration.group())
        .modelPackageType(ModelPackageType.VERSIONED)
        .sortBy(ModelPackageSortBy.CREATION_TIME)
        .sortOrder(SortOrder.DESCENDING)
        .maxResults(100)
        .build();
    int unkeyedDescribed = 0;
    for (ListModelPackagesResponse page : sageMaker.listModelPackagesPaginator(request)) {
      for (ModelPackageSummary summary : page.modelPackageSummaryList()) {
        Optional<String> key = PackageRegistration.registrationKeyOf(summary.modelPackageDescription());
        if (key.isPresent() && !key.get().equals(registration.registrationKey())) {
          continue;
        }
        if (key.isEmpty() && unkeyedDescribed++ >= UNKEYED_DESCRIBE_LIMIT) {
          continue;
        }
        Optional<DescribeModelPackageResponse> described = describe(summary.modelPackageArn());
        if (described.isPresent() && registration.matches(described.get())) {
          return described;
        }
      }
    }
    return Optional.empty();
  }

  /** The version {@code arn} names, if it exists. */
  Optional<DescribeModelPackageResponse> describe(String arn) {
    return new SageMakerModelPackages(sageMaker).find(arn);
  }
}
