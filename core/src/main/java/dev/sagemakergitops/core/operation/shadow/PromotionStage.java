package dev.sagemakergitops.core.operation.shadow;

import dev.sagemakergitops.core.operation.OperationEvent;
import dev.sagemakergitops.core.operation.Step;
import dev.sagemakergitops.core.operation.deploy.DeployResult;
import dev.sagemakergitops.core.operation.deploy.DeployState;
import dev.sagemakergitops.core.operation.shadow.ShadowTestState.Stage;
import java.util.ArrayList;
import java.util.List;

/**
 * Stage {@code DEPLOY}: passed with {@code onPass: promote} and the shadow removed; one poll of the
 * promotion's safe deploy. Its state is kept inside this one, saved after every poll that changed it.
 */
final class PromotionStage implements ShadowStage {
  private final StageContext s;
  private final ShadowOutcome outcome;

  PromotionStage(StageContext s, ShadowOutcome outcome) {
    this.s = s;
    this.outcome = outcome;
  }

  @Override
  public Step<ShadowTestState, ShadowTestReport> poll(ShadowTestState state) {
    Step<DeployState, DeployResult> step = s.deploy.poll(state.promotion());
    ShadowTestState next = state.promoted(step.state());
    List<OperationEvent> events = new ArrayList<>(step.events());
    if (step instanceof Step.Running<DeployState, DeployResult> running) {
      return new Step.Running<>(next, events, running.pollAfter());
    }
    return outcome.finish(next.with(Stage.DONE), events);
  }
}
