package dev.sagemakergitops.core.aws;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One version of a versioned model package, as {@code DescribeModelPackage} returns it.
 *
 * @param arn {@code arn:<partition>:sagemaker:<region>:<account>:model-package/<group, lowercased>/<version>}
 * @param group the model package group's name, as SageMaker spells it
 * @param version 1 or more
 * @param approvalStatus {@code Approved}, {@code Rejected} or {@code PendingManualApproval} (as SageMaker
 *     sends it, so that a value added later still passes through), or {@code null} if absent
 * @param packageStatus {@code Pending}, {@code InProgress}, {@code Completed}, {@code Failed} or {@code Deleting}
 * @param containers the inference containers, in order
 * @param metadata the package's {@code MetadataProperties}
 * @param customerMetadata the package's {@code CustomerMetadataProperties} (versioned packages carry
 *     no tags, so lineage that does not fit {@code MetadataProperties} lives here)
 * @param createdAt when the version was registered, or {@code null} if absent
 */
public record ModelPackageVersion(
    String arn,
    String group,
    int version,
    String approvalStatus,
    String packageStatus,
    List<ModelPackageContainer> containers,
    ModelPackageMetadata metadata,
    Map<String, String> customerMetadata,
    Instant createdAt) {

  public ModelPackageVersion {
    containers = List.copyOf(containers);
    customerMetadata = Map.copyOf(customerMetadata);
  }

  /** SageMaker deploys only approved versions. */
  public boolean isApproved() {
    return "Approved".equals(approvalStatus);
  }

  /** Registration finished; a version still {@code InProgress} cannot be deployed yet. */
  public boolean isCompleted() {
    return "Completed".equals(packageStatus);
  }
}
