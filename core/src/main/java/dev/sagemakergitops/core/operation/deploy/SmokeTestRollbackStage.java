package dev.sagemakergitops.core.operation.deploy;

import dev.sagemakergitops.core.health.EndpointHealthClassifier;
import dev.sagemakergitops.core.operation.OperationEvent;
import dev.sagemakergitops.core.operation.OperationFailure;
import dev.sagemakergitops.core.operation.OperationFailure.Kind;
import dev.sagemakergitops.core.operation.Step;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;

/**
 * Stage {@code SMOKE_TEST_ROLLBACK}: after a failed smoke test sent the endpoint back to the
 * configuration the deploy replaced ({@link SmokeTestStage}), {@code DescribeEndpoint} until it is
 * {@code InService} on that configuration, then the deploy ends {@code SMOKE_TEST_FAILED} with the
 * smoke test's message. Anything else ({@code Failed}, another configuration, no end within the
 * manifest's update limit) ends it the same way, saying the way back did not take.
 */
final class SmokeTestRollbackStage implements DeployStage {
  private final StageContext s;

  SmokeTestRollbackStage(StageContext s) {
    this.s = s;
  }

  @Override
  public Step<DeployState, DeployResult> poll(DeployState state, List<OperationEvent> events) {
    DeployPlan plan = state.plan();
    String previous = state.request().previousConfig();
    OperationFailure failure = state.failure();
    Optional<DescribeEndpointResponse> described = LiveEndpoint.describe(s.sageMaker(state), plan.endpointName());
    String status = described.map(DescribeEndpointResponse::endpointStatusAsString).orElse("missing");
    String live = described.map(DescribeEndpointResponse::endpointConfigName).orElse(null);
    if (EndpointHealthClassifier.isInService(status) && previous.equals(live)) {
      s.event(events, state, "endpoint " + plan.endpointName() + " serves " + previous + " again");
      return s.fail(state, events, failure);
    }
    boolean waiting = EndpointHealthClassifier.isUpdating(status) || EndpointHealthClassifier.isSystemUpdating(status)
        || (EndpointHealthClassifier.isInService(status) && plan.config().name().equals(live));
    boolean late = s.now().isAfter(state.smokeTest().rollbackRequestedAt().plus(plan.deployment().updateLimit()));
    if (waiting && !late) {
      return new Step.Running<>(state, events, s.unknownWait());
    }
    return s.fail(state, events, OperationFailure.of(Kind.SMOKE_TEST_FAILED, failure.message().replaceFirst(
        "\nEndpoint .*$", "") + "\nThe way back did not take: endpoint " + plan.endpointName() + " is " + status
        + (live == null ? "" : " on " + live) + (late ? " after " + Duration.between(
            state.smokeTest().rollbackRequestedAt(), s.now()).toMinutes() + " min" : "") + ", not InService on "
        + previous + ". Look at the endpoint in the console; revert the commit in Git and deploy"));
  }
}
