package dev.sagemakergitops.core.operation.deploy;

import dev.sagemakergitops.core.aws.SageMakerErrors;
import dev.sagemakergitops.core.aws.TransientFailures;
import dev.sagemakergitops.core.health.EndpointHealthClassifier;
import dev.sagemakergitops.core.operation.OperationEvent;
import dev.sagemakergitops.core.operation.OperationFailure;
import dev.sagemakergitops.core.operation.OperationFailure.Kind;
import dev.sagemakergitops.core.operation.Step;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.applicationautoscaling.model.ObjectNotFoundException;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;

/**
 * Stage {@code RESTORING}: the deploy ended (failed, rolled back, conflicted, timed out or was
 * cancelled) after it deregistered autoscaling. Once the endpoint is InService again (SageMaker
 * registers only then), the captured registration is put back, then the outcome is reported.
 * Bounded by the update's own limit; past it, or when the endpoint is gone or Failed, the outcome
 * says what is left to do.
 */
final class RestoringStage implements DeployStage {
  private final StageContext s;

  RestoringStage(StageContext s) {
    this.s = s;
  }

  @Override
  public Step<DeployState, DeployResult> poll(DeployState state, List<OperationEvent> events) {
    DeployPlan plan = state.plan();
    Optional<DescribeEndpointResponse> found = LiveEndpoint.describe(s.sageMaker(state), plan.endpointName());
    String status = found.map(DescribeEndpointResponse::endpointStatusAsString).orElse(null);
    List<String> deregistered = state.autoscaling().deregistered();
    List<CapturedAutoscaling> pending = state.autoscaling().captured().stream()
        .filter(c -> deregistered.contains(c.variant())).toList();
    if (EndpointHealthClassifier.isInService(status)) {
      try {
        AutoscalingStage.restore(s, state, pending, events);
      } catch (AwsServiceException e) {
        if (TransientFailures.isTransient(e)) {
          throw e;
        }
        if (e instanceof ObjectNotFoundException && state.autoscaling().retries() < AutoscalingStage.RETRIES) {
          return AutoscalingStage.eventuallyConsistent(s, state, events);
        }
        return ended(state, events, " The autoscaling of variant(s) " + deregistered + " could NOT be registered "
            + "again (" + SageMakerErrors.message(e) + "); register it by hand as it was: " + describe(pending));
      }
      return ended(state, events, " The autoscaling of variant(s) " + deregistered + " was registered again as "
          + "it was before the deploy.");
    }
    Instant now = s.now();
    boolean waiting = found.isPresent() && !EndpointHealthClassifier.isFailed(status)
        && now.isBefore(state.autoscaling().restoreSince().plus(plan.deployment().updateLimit()));
    if (waiting) {
      return new Step.Running<>(state, events, s.schedule.describeAfter(DeploymentProgress.of(found.get(), null),
          state.autoscaling().restoreSince(), now, s.context.random()));
    }
    return ended(state, events, " The autoscaling of variant(s) " + deregistered + " is still deregistered: the "
        + "endpoint is " + (status == null ? "gone" : status) + ", and SageMaker registers variants of InService "
        + "endpoints only. Register it again as it was once the endpoint is InService: " + describe(pending));
  }

  private static String describe(List<CapturedAutoscaling> captured) {
    return String.join("; ", captured.stream().map(c -> c.variant() + ": " + c.describe()).toList());
  }

  /** Reports the outcome the deploy ended with, once the autoscaling is dealt with. */
  private static Step<DeployState, DeployResult> ended(DeployState state, List<OperationEvent> events,
      String addition) {
    OperationFailure original = state.failure();
    OperationFailure failure = new OperationFailure(original.kind(), original.message() + addition,
        original.failureReason(), original.alarms());
    DeployState done = state.with(d -> {
      d.stage = original.kind() == Kind.CANCELLED ? DeployState.Stage.CANCELLED : DeployState.Stage.FAILED;
      d.failure = failure;
      d.deregistered.clear();
      d.autoscalingRetries = 0;
    });
    return new Step.Failed<>(done, events, failure);
  }
}
