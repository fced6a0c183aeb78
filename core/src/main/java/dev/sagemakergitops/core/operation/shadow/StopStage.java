package dev.sagemakergitops.core.operation.shadow;

import dev.sagemakergitops.core.operation.Step;
import dev.sagemakergitops.core.operation.shadow.ShadowTestState.Stage;
import java.util.List;
import software.amazon.awssdk.services.sagemaker.model.InferenceExperimentStopDesiredState;

/**
 * Stage {@code STOP}: judged; the experiment is stopped ({@code Completed}) with the decided action,
 * and a {@code Reason} that says this tool stopped it and why.
 */
final class StopStage implements ShadowStage {
  private final StageContext s;
  private final ExperimentStop stop;

  StopStage(StageContext s, ExperimentStop stop) {
    this.s = s;
    this.stop = stop;
  }

  @Override
  public Step<ShadowTestState, ShadowTestReport> poll(ShadowTestState state) {
    String action = StageContext.sageMakerAction(state);
    String reason = ShadowTestOperation.REASON_MARKER + " " + state.comparison().verdict() + "; shadow variant "
        + state.action() + (action.equals(state.action()) ? "" : " (removed here, then deployed by safe deploy)")
        + ". " + state.comparison().summary();
    stop.send(state, action, InferenceExperimentStopDesiredState.COMPLETED, reason);
    return new Step.Running<>(state.with(Stage.STOPPING), List.of(), s.minimumWait());
  }
}
