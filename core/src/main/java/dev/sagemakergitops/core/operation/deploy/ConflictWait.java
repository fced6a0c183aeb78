package dev.sagemakergitops.core.operation.deploy;

import dev.sagemakergitops.core.health.EndpointHealth;
import dev.sagemakergitops.core.health.HealthState;
import dev.sagemakergitops.core.operation.OperationEvent;
import dev.sagemakergitops.core.operation.OperationFailure;
import dev.sagemakergitops.core.operation.OperationFailure.Kind;
import dev.sagemakergitops.core.operation.Step;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;

/**
 * Part of stage {@code ENDPOINT}: something else is changing the endpoint (another deployment, a
 * capacity change, SageMaker's maintenance, an inference experiment). It is waited for, bounded by
 * the request's conflict wait measured on the local clock from when it was first seen, with one
 * progress line per change of what is seen; past the bound the deploy fails with {@code CONFLICT}
 * naming it.
 */
final class ConflictWait {
  private final StageContext s;

  ConflictWait(StageContext s) {
    this.s = s;
  }

  Step<DeployState, DeployResult> waitFor(DeployState state, DescribeEndpointResponse endpoint, EndpointHealth health,
      List<OperationEvent> events) {
    DeployPlan plan = state.plan();
    Instant now = s.now();
    Instant since = state.progress().conflictSince() != null ? state.progress().conflictSince() : now;
    String what = health.state() == HealthState.UPDATING_ELSEWHERE
        ? "endpoint " + plan.endpointName() + " is " + health.endpointStatus() + " with endpoint configuration "
            + health.targetConfig() + " (another deployment, not this one)"
        : health.message();
    Duration limit = Duration.ofSeconds(plan.conflictWaitSeconds());
    if (!now.isBefore(since.plus(limit))) {
      String after = health.state() == HealthState.SHADOW_TEST
          ? "; waited " + limit.toMinutes() + " min for it to end. The endpoint is left to the experiment; deploy"
              + " again once it has ended (or stop it: aws sagemaker stop-inference-experiment --name "
              + health.experiment().name() + "), or raise the conflict wait"
          : "; waited " + limit.toMinutes() + " min for it to finish. The endpoint is left to that change; deploy"
              + " again once it is InService, or raise the conflict wait";
      return s.fail(state, events, OperationFailure.of(Kind.CONFLICT, what + after));
    }
    String key = "conflict|" + health.state() + "|" + health.endpointStatus() + "|" + health.targetConfig()
        + (health.experiment() == null ? "" : "|" + health.experiment().name() + "|" + health.experiment().status());
    DeployState next = state.with(d -> {
      d.conflictSince = since;
      d.observed = key;
    });
    if (!key.equals(state.observed())) {
      s.event(events, state, what + "; waiting for it to finish (at most " + limit.toMinutes() + " min, "
          + Duration.between(since.plus(limit), now).abs().toMinutes() + " min left)");
    }
    DeploymentProgress progress = DeploymentProgress.of(endpoint, null).seenAt(now);
    Duration wait = s.schedule.describeAfter(progress, since, now, s.context.random());
    Duration left = Duration.between(now, since.plus(limit));
    return new Step.Running<>(next, events, wait.compareTo(left) > 0 ? left : wait);
  }
}
