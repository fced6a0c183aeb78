package dev.sagemakergitops.core.health;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A deployment SageMaker rolled back, as read from the endpoint: the one answer to "was it rolled
 * back?" that safe deploy (while it follows its update) and {@code status} (afterwards) both take.
 * Two readings of {@link EndpointHealthClassifier} are rollbacks:
 *
 * <ul>
 *   <li>{@link HealthState#ROLLED_BACK}: {@code InService} again on the configuration the last
 *       deployment replaced (the intent tag says which);
 *   <li>{@link HealthState#UPDATE_ROLLBACK_FAILED}: the rollback failed too, and the endpoint serves a
 *       mix of the old and the new fleet.
 * </ul>
 *
 * {@code RollingBack} is not one (a capacity or weight change rolling back), nor is a configuration
 * nobody asked for ({@link HealthState#CHANGED_OUTSIDE_GIT}). Which rollback alarms fired is
 * {@link #blame}d from {@link RollbackAlarms}' looks and SageMaker's reason.
 *
 * @param endpointName the endpoint
 * @param requestedConfig the configuration the rolled-back deployment asked for (the intent tag's),
 *     or {@code null} when the endpoint has no intent tag
 * @param servingConfig the configuration the endpoint serves now
 * @param rollbackFailed true when the rollback failed too ({@code UpdateRollbackFailed})
 * @param failureReason SageMaker's {@code FailureReason}, or {@code null}; it may be empty after a
 *     rollback
 */
public record Rollback(String endpointName, String requestedConfig, String servingConfig, boolean rollbackFailed,
    String failureReason) {

  /** The rollback {@code health} shows, if it shows one. */
  public static Optional<Rollback> of(EndpointHealth health) {
    if (health.state() != HealthState.ROLLED_BACK && health.state() != HealthState.UPDATE_ROLLBACK_FAILED) {
      return Optional.empty();
    }
    return Optional.of(new Rollback(health.endpointName(), health.intent() == null ? null : health.intent().config(),
        health.liveConfig(), health.state() == HealthState.UPDATE_ROLLBACK_FAILED, health.failureReason()));
  }

  /** SageMaker's reason as a sentence to append to a message, or nothing when it gives none. */
  public String reasonSentence() {
    return failureReason == null || failureReason.isBlank() ? "" : " SageMaker's reason: " + failureReason;
  }

  /**
   * The rollback alarms to blame, each once: those seen in ALARM while the deployment baked, those in
   * ALARM now, and those among {@code watched} that SageMaker's reason names.
   */
  public List<String> blame(List<String> seenWhileBaking, List<String> inAlarmNow, List<String> watched) {
    Set<String> all = new LinkedHashSet<>(seenWhileBaking);
    all.addAll(inAlarmNow);
    if (failureReason != null) {
      watched.stream().filter(failureReason::contains).forEach(all::add);
    }
    return List.copyOf(all);
  }
}
