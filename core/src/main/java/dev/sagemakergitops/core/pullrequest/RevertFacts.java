package dev.sagemakergitops.core.pullrequest;

import java.util.List;

/**
 * What a revert pull request says: which endpoint SageMaker rolled back, why, and which commit the
 * revert undoes.
 *
 * @param manifestName the manifest's {@code metadata.name}
 * @param manifestPath the manifest
 * @param endpointName the endpoint
 * @param region its region
 * @param rollbackFailed true when SageMaker's rollback failed too ({@code UpdateRollbackFailed})
 * @param failureReason SageMaker's {@code FailureReason}, or {@code null} (it may be empty after a rollback)
 * @param alarms the rollback alarms that fired, or empty when none could be named
 * @param servingConfig the endpoint configuration it serves now
 * @param requestedConfig the configuration the rolled-back deployment asked for, or {@code null}
 * @param revertedCommit the commit reverted
 * @param revertedSubject its subject line, or {@code null}
 * @param revertCommit the revert commit written
 */
public record RevertFacts(String manifestName, String manifestPath, String endpointName, String region,
    boolean rollbackFailed, String failureReason, List<String> alarms, String servingConfig, String requestedConfig,
    String revertedCommit, String revertedSubject, String revertCommit) {
  public RevertFacts {
    alarms = alarms == null ? List.of() : List.copyOf(alarms);
  }
}
