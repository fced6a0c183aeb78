package dev.sagemakergitops.local.sagemaker.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One model package: a version in a group (versioned) or a standalone, named package (unversioned).
 *
 * @param region the region it lives in
 * @param name {@code ModelPackageName}: the group's name for a versioned package (as SageMaker answers it)
 * @param groupName the group, or {@code null} when unversioned
 * @param version 1, 2, 3 ... in the group, or {@code null} when unversioned
 * @param arn {@code model-package/<group lowercased>/<version>} or {@code model-package/<name lowercased>}
 * @param attributes the describable members as last set by create or update (treated as immutable:
 *     an update stores a changed copy)
 * @param status {@code ModelPackageStatus}
 * @param approvalStatus {@code ModelApprovalStatus}, or {@code null} for unversioned packages
 * @param approvalDescription {@code ApprovalDescription}, or {@code null}
 * @param customerMetadata {@code CustomerMetadataProperties}
 * @param creationTime when it was registered
 * @param lastModifiedTime the last update, or {@code null} before the first
 */
public record ModelPackage(String region, String name, String groupName, Integer version, String arn,
    ObjectNode attributes, String status, String approvalStatus, String approvalDescription,
    Map<String, String> customerMetadata, Instant creationTime, Instant lastModifiedTime) {

  public ModelPackage {
    customerMetadata = Collections.unmodifiableMap(new LinkedHashMap<>(customerMetadata));
  }

  public boolean isVersioned() {
    return groupName != null;
  }

  ModelPackage withStatus(String newStatus) {
    return new ModelPackage(region, name, groupName, version, arn, attributes, newStatus, approvalStatus,
        approvalDescription, customerMetadata, creationTime, lastModifiedTime);
  }

  ModelPackage updated(ObjectNode newAttributes, String newApproval, String newApprovalDescription,
      Map<String, String> newMetadata, Instant at) {
    return new ModelPackage(region, name, groupName, version, arn, newAttributes, status, newApproval,
        newApprovalDescription, newMetadata, creationTime, at);
  }
}
