package dev.sagemakergitops.core.manifest;

import static dev.sagemakergitops.core.manifest.SageMakerLimits.ENTITY_NAME;
import static dev.sagemakergitops.core.manifest.SageMakerLimits.ENTITY_NAME_MAX;

import dev.sagemakergitops.core.manifest.RegistrySpec.ApprovalStatus;
import java.util.List;

/** Binds {@code spec.registry}: the model package group a trained model is registered in, and how. */
final class RegistryBinder {
  private RegistryBinder() {}

  /** The registry settings, or {@code null} when absent or when the group is missing or wrong. */
  static RegistrySpec bind(YamlMapping node) {
    if (node == null) {
      return null;
    }
    String group = node.matching("group", true, ENTITY_NAME, ENTITY_NAME_MAX, "a model package group name of"
        + " letters, digits and hyphens (at most 63 characters)");
    String approval = node.oneOf("approval", false, List.of("PendingManualApproval", "Approved"));
    String metrics = SageMakerFields.s3Uri(node, "metrics", false);
    if (group == null) {
      return null;
    }
    ApprovalStatus status = "Approved".equals(approval) ? ApprovalStatus.APPROVED : ApprovalStatus.PENDING_MANUAL_APPROVAL;
    return new RegistrySpec(group, status, metrics);
  }
}
