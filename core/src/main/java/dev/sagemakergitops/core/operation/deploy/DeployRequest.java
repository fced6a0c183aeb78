package dev.sagemakergitops.core.operation.deploy;

import dev.sagemakergitops.core.operation.ResolvedManifest;
import java.time.Duration;
import java.util.Objects;

/**
 * What to deploy.
 *
 * @param manifest the manifest, resolved at a commit; needs {@code spec.model} and {@code spec.endpoint}
 * @param cleanUp the opt-in clean-up of unreferenced models and endpoint configurations
 * @param conflictWait how long to wait when another deployment of the endpoint is in progress
 *     before failing with {@code CONFLICT}; zero fails at once
 * @param despiteAlarms go ahead even when a rollback alarm is already in ALARM (SageMaker would then
 *     roll the deployment back at its first bake); by default such a deploy is refused
 */
public record DeployRequest(ResolvedManifest manifest, CleanUp cleanUp, Duration conflictWait, boolean despiteAlarms) {

  /** By default a deploy waits this long for another deployment of its endpoint to finish. */
  public static final Duration DEFAULT_CONFLICT_WAIT = Duration.ofMinutes(30);

  public DeployRequest {
    Objects.requireNonNull(manifest, "manifest");
    Objects.requireNonNull(cleanUp, "cleanUp");
    Objects.requireNonNull(conflictWait, "conflictWait");
    if (conflictWait.isNegative()) {
      throw new IllegalArgumentException("the conflict wait cannot be negative, got " + conflictWait);
    }
  }

  /** {@code manifest} with no clean-up and the default conflict wait. */
  public static DeployRequest of(ResolvedManifest manifest) {
    return new DeployRequest(manifest, CleanUp.none(), DEFAULT_CONFLICT_WAIT, false);
  }

  public DeployRequest withCleanUp(CleanUp value) {
    return new DeployRequest(manifest, value, conflictWait, despiteAlarms);
  }

  public DeployRequest withConflictWait(Duration value) {
    return new DeployRequest(manifest, cleanUp, value, despiteAlarms);
  }

  public DeployRequest withDespiteAlarms(boolean value) {
    return new DeployRequest(manifest, cleanUp, conflictWait, value);
  }
}
