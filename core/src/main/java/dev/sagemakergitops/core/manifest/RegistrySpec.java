package dev.sagemakergitops.core.manifest;

/**
 * Where {@code registerModel} registers trained models.
 *
 * @param group the model package group
 * @param approval the approval status new versions get
 * @param metricsS3Uri an evaluation report (JSON) attached as model quality metrics, or {@code null}
 */
public record RegistrySpec(String group, ApprovalStatus approval, String metricsS3Uri) {

  /** The approval statuses a new model package version can be registered with. */
  public enum ApprovalStatus {
    APPROVED("Approved"),
    PENDING_MANUAL_APPROVAL("PendingManualApproval");

    private final String wireName;

    ApprovalStatus(String wireName) {
      this.wireName = wireName;
    }

    /** The value SageMaker's {@code ModelApprovalStatus} takes. */
    public String wireName() {
      return wireName;
    }
  }
}
