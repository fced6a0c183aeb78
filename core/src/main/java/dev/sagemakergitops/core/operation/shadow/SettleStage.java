package dev.sagemakergitops.core.operation.shadow;

import dev.sagemakergitops.core.health.EndpointHealthClassifier;
import dev.sagemakergitops.core.operation.OperationEvent;
import dev.sagemakergitops.core.operation.OperationFailure;
import dev.sagemakergitops.core.operation.OperationFailure.Kind;
import dev.sagemakergitops.core.operation.Step;
import dev.sagemakergitops.core.operation.deploy.DeployState;
import dev.sagemakergitops.core.operation.shadow.ShadowTestState.Stage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;

/**
 * Stage {@code SETTLE}: the experiment is over; waits until the endpoint is {@code InService} again
 * (promoting or removing a shadow updates it), then finishes or hands a pass to safe deploy.
 */
final class SettleStage implements ShadowStage {
  private final StageContext s;
  private final ShadowOutcome outcome;

  SettleStage(StageContext s, ShadowOutcome outcome) {
    this.s = s;
    this.outcome = outcome;
  }

  @Override
  public Step<ShadowTestState, ShadowTestReport> poll(ShadowTestState state) {
    List<OperationEvent> events = new ArrayList<>();
    ExperimentDefinition experiment = state.experiment();
    Optional<DescribeEndpointResponse> found = s.hosting(state).findEndpoint(experiment.endpointName());
    if (found.isEmpty()) {
      return new Step.Failed<>(state.with(Stage.DONE), events, OperationFailure.of(Kind.FAILED, "endpoint "
          + experiment.endpointName() + " was deleted during the shadow test"));
    }
    DescribeEndpointResponse endpoint = found.get();
    String status = endpoint.endpointStatusAsString();
    if (EndpointHealthClassifier.isInService(status) && StageContext.promotes(state)) {
      // Planned at begin to refuse early; started now, an experiment later, after its reads are repeated.
      DeployState promotion = s.deploy.startNow(state.promotion());
      boolean started = promotion.stage() != DeployState.Stage.FAILED;
      events.add(s.event(state, "shadow removed from endpoint " + experiment.endpointName() + (started
          ? "; promoting model " + experiment.shadowModel().name() + " with safe deploy of endpoint configuration "
              + state.promotion().plan().config().name()
          : "; not promoting model " + experiment.shadowModel().name() + ": the safe deploy's pre-flight no longer "
              + "holds")));
      return new Step.Running<>(state.promoted(promotion).with(Stage.DEPLOY), events,
          s.minimumWait());
    }
    if (EndpointHealthClassifier.isInService(status)) {
      return outcome.finish(state.with(Stage.DONE), events);
    }
    if (EndpointHealthClassifier.isStuck(status)) {
      return new Step.Failed<>(state.with(Stage.DONE), events, OperationFailure.of(Kind.FAILED, "endpoint "
          + experiment.endpointName() + " is " + status + " after the shadow test ended: " + endpoint.failureReason(),
          endpoint.failureReason()));
    }
    return new Step.Running<>(state, events, s.unknownWait());
  }
}
