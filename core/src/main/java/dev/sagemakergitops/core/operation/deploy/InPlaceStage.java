package dev.sagemakergitops.core.operation.deploy;

import dev.sagemakergitops.core.health.EndpointHealthClassifier;
import dev.sagemakergitops.core.operation.OperationEvent;
import dev.sagemakergitops.core.operation.OperationFailure;
import dev.sagemakergitops.core.operation.OperationFailure.Kind;
import dev.sagemakergitops.core.operation.Step;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;

/**
 * Stage {@code WEIGHTS}: waits for a change in place ({@link InPlaceUpdate}) and verifies it. SageMaker
 * sets the endpoint {@code Updating}, then {@code InService} (botocore
 * {@code UpdateEndpointWeightsAndCapacities}); a change that fails is rolled back by SageMaker itself:
 * "{@code RollingBack}: Endpoint fails to scale up or down or change its variant weight and is in the
 * process of rolling back to its previous configuration. Once the rollback completes, endpoint returns
 * to an InService status" (botocore {@code DescribeEndpointOutput.EndpointStatus}). So {@code InService}
 * is verified against the manifest: the live {@code CurrentWeight} and {@code CurrentInstanceCount}
 * must be the manifest's, on the configuration the endpoint served before; other weights are
 * {@code ROLLED_BACK}, with SageMaker's {@code FailureReason}, as a rolled-back deployment is.
 */
final class InPlaceStage implements DeployStage {
  private final StageContext s;
  private final InPlaceUpdate inPlace;
  private final Verification verification;

  InPlaceStage(StageContext s, InPlaceUpdate inPlace, Verification verification) {
    this.s = s;
    this.inPlace = inPlace;
    this.verification = verification;
  }

  @Override
  public Step<DeployState, DeployResult> poll(DeployState state, List<OperationEvent> events) {
    DeployPlan plan = state.plan();
    SageMakerClient sageMaker = s.sageMaker(state);
    Optional<DescribeEndpointResponse> found = LiveEndpoint.describe(sageMaker, plan.endpointName());
    if (found.isEmpty()) {
      return s.fail(state, events, OperationFailure.of(Kind.FAILED, "endpoint " + plan.endpointName()
          + " no longer exists: it was deleted while its weights were being changed"));
    }
    DescribeEndpointResponse endpoint = found.get();
    DeployState.EndpointRequest request = state.request();
    String status = endpoint.endpointStatusAsString();
    Instant now = s.now();
    if (endpoint.pendingDeploymentSummary() != null) {
      return s.fail(state, events, OperationFailure.of(Kind.CONFLICT, "another deployment started on endpoint "
          + plan.endpointName() + " (to " + endpoint.pendingDeploymentSummary().endpointConfigName() + ") while its "
          + "weights were being changed in place; how the change ended is unknown"));
    }
    if (EndpointHealthClassifier.isUpdating(status) || EndpointHealthClassifier.isRollingBack(status)) {
      if (now.isAfter(request.deadline())) {
        return s.fail(state, events, OperationFailure.of(Kind.TIMED_OUT, "the change in place of endpoint "
            + plan.endpointName() + "'s weights and instance counts did not finish by " + request.deadline()
            + "; it is still " + status + ". Check it in the console; nothing more is done here"));
      }
      if (!status.equals(state.progress().observed())) {
        s.event(events, state, EndpointHealthClassifier.isRollingBack(status)
            ? "endpoint " + plan.endpointName() + " is RollingBack: SageMaker is undoing the change of its weights and "
                + "instance counts (" + (endpoint.failureReason() == null ? "no reason given" : endpoint.failureReason())
                + ")"
            : "endpoint " + plan.endpointName() + " is Updating its weights and instance counts");
      }
      return new Step.Running<>(state.with(d -> {
        d.observed = status;
        d.observedAt = d.observedAt == null || !status.equals(state.progress().observed()) ? now : d.observedAt;
      }), events, s.unknownWait());
    }
    if (!EndpointHealthClassifier.isInService(status)) {
      return s.fail(state, events, OperationFailure.of(Kind.FAILED, "endpoint " + plan.endpointName() + " is "
          + status + " after its weights were changed in place" + (endpoint.failureReason() == null ? ""
              : ": " + endpoint.failureReason()), endpoint.failureReason()));
    }
    if (!request.previousConfig().equals(endpoint.endpointConfigName())) {
      return s.fail(state, events, OperationFailure.of(Kind.CONFLICT, "another deployment replaced this one: "
          + "endpoint " + plan.endpointName() + " serves " + endpoint.endpointConfigName() + ", not "
          + request.previousConfig() + " whose weights were being changed in place"));
    }
    Optional<InPlaceChange> left = inPlace.find(state, s.reads(state), endpoint);
    if (left.isPresent() && left.get().adjustments().isEmpty()) {
      s.event(events, state, "endpoint " + plan.endpointName() + " runs " + InPlaceChange.running(endpoint)
          + " on " + endpoint.endpointConfigName() + ", as the manifest asks");
      return verification.verify(state, endpoint, events);
    }
    boolean unseen = state.progress().observed() == null && request.lastModifiedBefore() != null
        && endpoint.lastModifiedTime() != null && !endpoint.lastModifiedTime().isAfter(request.lastModifiedBefore());
    if (unseen && now.isBefore(request.requestedAt().plus(DeployingStage.VISIBILITY))) {
      // SageMaker reads are eventually consistent: the change may not show yet.
      return new Step.Running<>(state, events, s.unknownWait());
    }
    String reason = endpoint.failureReason();
    return s.fail(state, events, new OperationFailure(Kind.ROLLED_BACK, "SageMaker rolled back the change in place of "
        + "endpoint " + plan.endpointName() + "'s weights and instance counts: it is InService on "
        + endpoint.endpointConfigName() + " running " + InPlaceChange.running(endpoint) + "."
        + (reason == null || reason.isBlank() ? " SageMaker gives no reason." : " SageMaker's reason: " + reason)
        + " Git and the live endpoint now differ: " + plan.manifestPath() + " asks for "
        + InPlaceChange.wanted(plan.config()) + ". Revert the change in Git, or fix it and deploy again.",
        reason, List.of()));
  }
}
