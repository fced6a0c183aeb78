package dev.sagemakergitops.core.operation.shadow;

import dev.sagemakergitops.core.operation.OperationEvent;
import dev.sagemakergitops.core.operation.OperationFailure;
import dev.sagemakergitops.core.operation.OperationFailure.Kind;
import dev.sagemakergitops.core.operation.Step;
import dev.sagemakergitops.core.operation.shadow.ShadowTestState.Stage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.sagemaker.model.DescribeInferenceExperimentResponse;

/** Stage {@code STOPPING}: the stop was asked for; waits for {@code Completed} or {@code Cancelled}. */
final class StoppingStage implements ShadowStage {
  private final StageContext s;
  private final ExperimentProgress progress;

  StoppingStage(StageContext s, ExperimentProgress progress) {
    this.s = s;
    this.progress = progress;
  }

  @Override
  public Step<ShadowTestState, ShadowTestReport> poll(ShadowTestState state) {
    Optional<DescribeInferenceExperimentResponse> described = s.describe(state, state.experiment().name());
    if (described.isEmpty()) {
      return new Step.Failed<>(state.with(Stage.DONE), List.of(), OperationFailure.of(Kind.FAILED,
          "inference experiment " + state.experiment().name() + " disappeared while it was being stopped"));
    }
    List<OperationEvent> events = new ArrayList<>();
    ShadowTestState seen = s.observe(state, described.get(), events);
    if (!StageContext.OVER.contains(described.get().statusAsString())) {
      return new Step.Running<>(seen, events, s.unknownWait());
    }
    return progress.ended(seen, described.get(), events);
  }
}
