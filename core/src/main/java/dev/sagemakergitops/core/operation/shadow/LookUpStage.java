package dev.sagemakergitops.core.operation.shadow;

import dev.sagemakergitops.core.operation.OperationEvent;
import dev.sagemakergitops.core.operation.Step;
import dev.sagemakergitops.core.operation.shadow.ShadowTestState.Ending;
import dev.sagemakergitops.core.operation.shadow.ShadowTestState.Stage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.sagemaker.model.DescribeInferenceExperimentResponse;
import software.amazon.awssdk.services.sagemaker.model.InferenceExperimentSummary;

/**
 * Stage {@code LOOK_UP}: the endpoint already serves the manifest's model, most likely because an
 * earlier run of this test promoted it (and the process died before it could report so). Finds that
 * experiment to report it; without one there is simply nothing to test.
 */
final class LookUpStage implements ShadowStage {
  private final StageContext s;
  private final ExperimentProgress progress;
  private final ShadowOutcome outcome;

  LookUpStage(StageContext s, ExperimentProgress progress, ShadowOutcome outcome) {
    this.s = s;
    this.progress = progress;
    this.outcome = outcome;
  }

  @Override
  public Step<ShadowTestState, ShadowTestReport> poll(ShadowTestState state) {
    List<OperationEvent> events = new ArrayList<>();
    ExperimentDefinition experiment = state.experiment();
    String prefix = experiment.name().substring(0, experiment.name().lastIndexOf('-'));
    List<InferenceExperimentSummary> candidates = s.sageMaker(state).listInferenceExperiments(r -> r
        .nameContains(prefix).sortBy("CreationTime").sortOrder("Descending").maxResults(10)).inferenceExperiments();
    for (InferenceExperimentSummary candidate : candidates) {
      Optional<DescribeInferenceExperimentResponse> found = s.describe(state, candidate.name());
      if (found.isPresent() && StageContext.OVER.contains(found.get().statusAsString())
          && EarlierRun.stoppedByThisTool(found.get())
          && experiment.shadowModel().name().equals(EarlierRun.shadowModelOf(found.get()))) {
        DescribeInferenceExperimentResponse earlier = found.get();
        events.add(s.event(state, "endpoint " + experiment.endpointName() + " already serves model "
            + experiment.shadowModel().name() + ", promoted by inference experiment " + earlier.name()));
        return progress.follow(state.withExperiment(EarlierRun.adopt(experiment, earlier)).with(Stage.WAIT), earlier,
            events);
      }
    }
    events.add(s.event(state, "endpoint " + experiment.endpointName() + " already serves model "
        + experiment.shadowModel().name() + ": nothing to shadow test"));
    return outcome.finish(state.ended(Ending.NOT_NEEDED).with(Stage.DONE), events);
  }
}
