package dev.sagemakergitops.core.operation.deploy;

import dev.sagemakergitops.core.aws.SageMakerErrors;
import dev.sagemakergitops.core.aws.TransientFailures;
import dev.sagemakergitops.core.operation.OperationEvent;
import dev.sagemakergitops.core.operation.OperationFailure;
import dev.sagemakergitops.core.operation.OperationFailure.Kind;
import dev.sagemakergitops.core.operation.Step;
import java.util.List;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.applicationautoscaling.model.ObjectNotFoundException;

/**
 * Stage {@code AUTOSCALING}: a registration put aside for an instance-type change goes back as it
 * was ({@link CapturedAutoscaling}), then the scalable targets and the target-tracking policy are
 * made what the manifest says, registered only where they differ. {@code ObjectNotFoundException}
 * right after a registration is Application Auto Scaling's eventual consistency, polled again.
 */
final class AutoscalingStage implements DeployStage {
  /** Polls in a row that may meet Application Auto Scaling's eventual consistency after a registration. */
  static final int RETRIES = 5;

  private final StageContext s;

  AutoscalingStage(StageContext s) {
    this.s = s;
  }

  @Override
  public Step<DeployState, DeployResult> poll(DeployState state, List<OperationEvent> events) {
    DeployPlan plan = state.plan();
    List<String> instanceVariants = plan.config().variants().stream().filter(v -> !v.serverless())
        .map(EndpointConfigDefinition.Variant::name).toList();
    try {
      restore(s, state, state.autoscaling().captured(), events);
      for (String change : s.autoscaling(state).reconcile(plan.autoscaling(), instanceVariants)) {
        s.event(events, state, "autoscaling: " + change);
      }
    } catch (AwsServiceException e) {
      if (TransientFailures.isTransient(e)) {
        throw e;
      }
      if (e instanceof ObjectNotFoundException && state.autoscaling().retries() < RETRIES) {
        return eventuallyConsistent(s, state, events);
      }
      return s.fail(state, events, OperationFailure.of(Kind.FAILED, "endpoint " + plan.endpointName() + " serves "
          + plan.config().name() + ", but its autoscaling could not be set as the manifest says: "
          + SageMakerErrors.message(e) + " (" + SageMakerErrors.code(e) + "); deploy again to retry"));
    }
    return s.next(state.with(d -> {
      d.stage = DeployState.Stage.TAGS;
      d.deregistered.clear();
      d.autoscalingRetries = 0;
    }), events);
  }

  /** Registers each of {@code captured} that this deploy deregistered again, as it was. */
  static void restore(StageContext s, DeployState state, List<CapturedAutoscaling> captured,
      List<OperationEvent> events) {
    for (CapturedAutoscaling c : captured) {
      if (state.autoscaling().deregistered().contains(c.variant())) {
        s.autoscaling(state).restore(c);
        s.event(events, state, "autoscaling: registered variant " + c.variant() + " again as it was ("
            + c.describe() + ")");
      }
    }
  }

  /**
   * Right after {@code RegisterScalableTarget}, a policy or scheduled action may be refused with
   * {@code ObjectNotFoundException} until the registration is visible (botocore
   * RegisterScalableTarget: "The typical strategy is to retry the request"): the stage is polled
   * again shortly; registering again is harmless.
   */
  static Step<DeployState, DeployResult> eventuallyConsistent(StageContext s, DeployState state,
      List<OperationEvent> events) {
    s.event(events, state, "Application Auto Scaling does not see the new registration yet (eventual consistency); "
        + "retrying");
    return new Step.Running<>(state.with(d -> d.autoscalingRetries = d.autoscalingRetries + 1), events,
        s.unknownWait());
  }
}
