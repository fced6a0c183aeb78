package dev.sagemakergitops.core.health;

/**
 * How an endpoint stands, as {@link EndpointHealthClassifier} reads it. "Ours" is the configuration
 * the caller expects (the one its manifest hashes to) or the one the endpoint's intent tag names.
 */
public enum HealthState {
  /** No such endpoint. */
  MISSING(false),
  /** {@code InService} on the expected configuration. */
  HEALTHY(false),
  /**
   * {@code InService} on the configuration sagemaker-gitops last asked for (or with no intent tag),
   * which is not the expected one: a deploy would change it.
   */
  OUT_OF_DATE(false),
  /** {@code Creating} or {@code Updating} to our configuration. */
  DEPLOYING(true),
  /** {@code Creating} or {@code Updating} to another configuration: another deployment, or one made outside Git. */
  UPDATING_ELSEWHERE(true),
  /**
   * {@code Updating} with no new configuration: {@code UpdateEndpointWeightsAndCapacities}, which is
   * what Application Auto Scaling calls when it changes capacity.
   */
  SCALING(true),
  /** {@code RollingBack}: a capacity or weight change is rolling back; the deployment is not concerned. */
  CAPACITY_ROLLING_BACK(true),
  /** {@code SystemUpdating}: SageMaker's own maintenance. */
  SYSTEM_UPDATING(true),
  /** An inference experiment (shadow test) runs on the endpoint. */
  SHADOW_TEST(true),
  /** {@code InService} on the configuration it served before sagemaker-gitops's last request: SageMaker rolled that back. */
  ROLLED_BACK(false),
  /** {@code InService} on a configuration neither requested by sagemaker-gitops nor served before: an update outside Git. */
  CHANGED_OUTSIDE_GIT(false),
  /** {@code UpdateRollbackFailed}: the rollback failed too; the endpoint serves a mix of both fleets. */
  UPDATE_ROLLBACK_FAILED(false),
  /** {@code Failed}: only {@code DeleteEndpoint} is allowed. */
  FAILED(false),
  /** {@code Deleting}. */
  DELETING(true),
  /** {@code OutOfService}, or a status this version does not know. */
  OUT_OF_SERVICE(false);

  private final boolean transitional;

  HealthState(boolean transitional) {
    this.transitional = transitional;
  }

  /** True when the endpoint is changing and a caller should wait for it rather than decide. */
  public boolean transitional() {
    return transitional;
  }
}
