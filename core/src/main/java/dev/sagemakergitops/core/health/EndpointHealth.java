package dev.sagemakergitops.core.health;

import java.util.Objects;
import java.util.Optional;

/**
 * One endpoint's health, read from one {@code DescribeEndpoint}, its intent tag and its unfinished
 * inference experiments.
 *
 * @param state the classification
 * @param endpointName the endpoint
 * @param endpointStatus SageMaker's {@code EndpointStatus}, or {@code null} when it does not exist
 * @param liveConfig the top-level {@code EndpointConfigName} (during an update, SageMaker already
 *     names the new configuration there), or {@code null}
 * @param pendingConfig {@code PendingDeploymentSummary.EndpointConfigName}: the configuration an
 *     update in progress brings, or {@code null}
 * @param intent what sagemaker-gitops last asked of the endpoint, or {@code null}
 * @param failureReason SageMaker's {@code FailureReason}, or {@code null}; context only: it may
 *     stay after a failed capacity change or patch, and may be empty after a rollback
 * @param experiment the unfinished inference experiment on the endpoint, or {@code null}
 * @param message one sentence for the user
 */
public record EndpointHealth(HealthState state, String endpointName, String endpointStatus, String liveConfig,
    String pendingConfig, IntentTag intent, String failureReason, RunningExperiment experiment, String message) {

  public EndpointHealth {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(endpointName, "endpointName");
    Objects.requireNonNull(message, "message");
  }

  /** The configuration the endpoint is moving to: the pending one during an update, else the live one. */
  public String targetConfig() {
    return pendingConfig != null ? pendingConfig : liveConfig;
  }

  /** The intent tag, when the endpoint has one. */
  public Optional<IntentTag> intentTag() {
    return Optional.ofNullable(intent);
  }

  /** SageMaker's reason as a user reads it: the reason, or that SageMaker gives none. */
  public String reasonText() {
    return failureReason == null || failureReason.isBlank() ? "SageMaker gives no reason" : failureReason;
  }
}
