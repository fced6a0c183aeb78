package dev.sagemakergitops.core.operation.shadow;

import dev.sagemakergitops.core.operation.OperationEvent;
import dev.sagemakergitops.core.operation.Step;
import dev.sagemakergitops.core.operation.shadow.ShadowTestState.Ending;
import dev.sagemakergitops.core.operation.shadow.ShadowTestState.Stage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.sagemaker.model.DescribeInferenceExperimentResponse;

/** Stage {@code CANCELLING}: cancelled by this tool; waits for the experiment to end. */
final class CancellingStage implements ShadowStage {
  private final StageContext s;
  private final ExperimentStop stop;
  private final ShadowOutcome outcome;

  CancellingStage(StageContext s, ExperimentStop stop, ShadowOutcome outcome) {
    this.s = s;
    this.stop = stop;
    this.outcome = outcome;
  }

  @Override
  public Step<ShadowTestState, ShadowTestReport> poll(ShadowTestState state) {
    Optional<DescribeInferenceExperimentResponse> described = s.describe(state, state.experiment().name());
    if (described.isEmpty()) {
      return outcome.finish(state.ended(Ending.CANCELLED_BY_THIS_TOOL).with(Stage.DONE), new ArrayList<>());
    }
    List<OperationEvent> events = new ArrayList<>();
    ShadowTestState seen = s.observe(state, described.get(), events);
    if (StageContext.OVER.contains(described.get().statusAsString())) {
      return outcome.finish(seen.ended(Ending.CANCELLED_BY_THIS_TOOL).with(Stage.DONE), events);
    }
    // A stop refused while the experiment was still being created is asked for again.
    stop.cancel(seen);
    return new Step.Running<>(seen, events, s.unknownWait());
  }
}
