package dev.sagemakergitops.core.status;

import dev.sagemakergitops.core.health.HealthState;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One endpoint's standing against its manifest.
 *
 * @param manifestPath the manifest's path
 * @param manifestName its {@code metadata.name}
 * @param region the endpoint's region
 * @param endpointName the endpoint
 * @param state in sync, out of sync, rolled back or updating
 * @param reason one sentence for the user: why, and what to do
 * @param desiredConfig the configuration the manifest hashes to, or {@code null} when it cannot be
 *     computed (its model package is missing or unapproved)
 * @param liveConfig the configuration the endpoint serves, or {@code null} when it does not exist
 * @param endpointStatus SageMaker's {@code EndpointStatus}, or {@code null}
 * @param failureReason SageMaker's {@code FailureReason}, or {@code null}
 * @param requestedConfig the configuration sagemaker-gitops last asked the endpoint to serve (its
 *     {@code sagemaker-gitops:endpoint-config} tag), or {@code null}
 * @param offendingCommit for a rollback: the commit that introduced the manifest the failed
 *     deployment was made from (what to revert), or {@code null} when it cannot be found
 * @param health how the endpoint health classifier read the endpoint
 * @param targetConfig the configuration the endpoint is moving to during an update (else the live
 *     one), or {@code null}
 * @param variantModels the model package version ({@code group/version}) each variant serves by the
 *     manifest, by variant name, when any variant has its own model; else {@code null}. The desired
 *     configuration's name hashes each variant's model, so IN_SYNC compares every one of them
 */
public record EndpointSyncStatus(String manifestPath, String manifestName, String region, String endpointName,
    SyncState state, String reason, String desiredConfig, String liveConfig, String endpointStatus,
    String failureReason, String requestedConfig, String offendingCommit, HealthState health, String targetConfig,
    Map<String, String> variantModels) {

  /** A status of a manifest whose variants all serve {@code spec.model}. */
  public EndpointSyncStatus(String manifestPath, String manifestName, String region, String endpointName,
      SyncState state, String reason, String desiredConfig, String liveConfig, String endpointStatus,
      String failureReason, String requestedConfig, String offendingCommit, HealthState health, String targetConfig) {
    this(manifestPath, manifestName, region, endpointName, state, reason, desiredConfig, liveConfig, endpointStatus,
        failureReason, requestedConfig, offendingCommit, health, targetConfig, null);
  }

  public EndpointSyncStatus {
    Objects.requireNonNull(manifestPath, "manifestPath");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(health, "health");
    variantModels = variantModels == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(variantModels));
  }

  /** This status naming each variant's model package version. */
  public EndpointSyncStatus withVariantModels(Map<String, String> value) {
    return new EndpointSyncStatus(manifestPath, manifestName, region, endpointName, state, reason, desiredConfig,
        liveConfig, endpointStatus, failureReason, requestedConfig, offendingCommit, health, targetConfig, value);
  }

  /** True when the deployment of exactly the configuration the manifest asks for is in flight. */
  public boolean deployingDesired() {
    return health == HealthState.DEPLOYING && desiredConfig != null && desiredConfig.equals(targetConfig);
  }
}
