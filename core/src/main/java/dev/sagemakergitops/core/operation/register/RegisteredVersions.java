package dev.sagemakergitops.core.operation.register;

import dev.sagemakergitops.core.operation.SageMakerErrors;
import java.util.Optional;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DescribeModelPackageResponse;
import software.amazon.awssdk.services.sagemaker.model.ListModelPackagesRequest;
import software.amazon.awssdk.services.sagemaker.model.ListModelPackagesResponse;
import software.amazon.awssdk.services.sagemaker.model.ModelPackageSortBy;
import software.amazon.awssdk.services.sagemaker.model.ModelPackageSummary;
import software.amazon.awssdk.services.sagemaker.model.ModelPackageType;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;
import software.amazon.awssdk.services.sagemaker.model.SortOrder;

/**
 * Finds the version of a group that already serves a registration's artifact with its image
 * digest. Read-only.
 *
 * <p>{@code ListModelPackages} (versioned, newest first, every page until a match) gives the
 * candidates; their descriptions carry sagemaker-gitops's registration key, so a version registered
 * by this tool for another artifact is skipped without a call, and any other version (registered by
 * hand, or by this tool with the same key) is described to compare its containers' artifact and
 * image digest. Newest first, because the version a crashed attempt just created is the newest.
 */
final class RegisteredVersions {
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
    for (ListModelPackagesResponse page : sageMaker.listModelPackagesPaginator(request)) {
      for (ModelPackageSummary summary : page.modelPackageSummaryList()) {
        Optional<String> key = PackageRegistration.registrationKeyOf(summary.modelPackageDescription());
        if (key.isPresent() && !key.get().equals(registration.registrationKey())) {
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
    try {
      return Optional.of(sageMaker.describeModelPackage(r -> r.modelPackageName(arn)));
    } catch (SageMakerException e) {
      if (SageMakerErrors.isNotFound(e)) {
        return Optional.empty();
      }
      throw e;
    }
  }
}
