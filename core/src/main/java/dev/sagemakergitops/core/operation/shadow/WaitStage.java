package dev.sagemakergitops.core.operation.shadow;

import dev.sagemakergitops.core.operation.Step;
import dev.sagemakergitops.core.operation.shadow.ShadowTestState.Stage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.sagemaker.model.DescribeInferenceExperimentResponse;

/** Stage {@code WAIT}: the experiment runs; it is described until it is time to judge it. */
final class WaitStage implements ShadowStage {
  private final StageContext s;
  private final ExperimentProgress progress;

  WaitStage(StageContext s, ExperimentProgress progress) {
    this.s = s;
    this.progress = progress;
  }

  @Override
  public Step<ShadowTestState, ShadowTestReport> poll(ShadowTestState state) {
    Optional<DescribeInferenceExperimentResponse> described = s.describe(state, state.experiment().name());
    if (described.isEmpty()) {
      // Not visible yet right after its creation, or never created by an attempt that died.
      return new Step.Running<>(state.with(Stage.CREATE), List.of(), s.unknownWait());
    }
    return progress.follow(state, described.get(), new ArrayList<>());
  }
}
