package dev.sagemakergitops.core.operation.shadow;

import dev.sagemakergitops.core.aws.EventualConsistency;
import dev.sagemakergitops.core.aws.SageMakerErrors;
import dev.sagemakergitops.core.aws.TransientFailures;
import dev.sagemakergitops.core.operation.OperationEvent;
import dev.sagemakergitops.core.operation.OperationFailure;
import dev.sagemakergitops.core.operation.OperationFailure.Kind;
import dev.sagemakergitops.core.operation.Step;
import dev.sagemakergitops.core.operation.model.ServingModels;
import dev.sagemakergitops.core.operation.shadow.ShadowTestState.Stage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.sagemaker.model.DescribeInferenceExperimentResponse;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;

/**
 * Stage {@code CREATE}: makes sure the shadow model exists, then creates the inference experiment,
 * or attaches to the one of that name an earlier attempt or run created.
 */
final class CreateStage implements ShadowStage {
  private final StageContext s;
  private final ExperimentProgress progress;

  CreateStage(StageContext s, ExperimentProgress progress) {
    this.s = s;
    this.progress = progress;
  }

  @Override
  public Step<ShadowTestState, ShadowTestReport> poll(ShadowTestState before) {
    List<OperationEvent> events = new ArrayList<>();
    ExperimentDefinition experiment = before.experiment();
    ShadowTestState state = before;
    ServingModels.Ensured model = s.models.ensureModel(experiment.shadowModel());
    if (model == ServingModels.Ensured.CREATED) {
      events.add(s.event(state, "created model " + experiment.shadowModel().name()));
      state = state.createdToo(experiment.shadowModel().name());
    }
    Instant now = s.now();
    try {
      String arn = EventualConsistency.use(model.isNew(), "model " + experiment.shadowModel().name(),
          () -> s.sageMaker(before).createInferenceExperiment(experiment.toRequest(now)).inferenceExperimentArn());
      events.add(s.event(state, "created inference experiment " + experiment.name() + ": " + experiment.test()
          .samplingPercent() + " % of " + experiment.endpointName() + "/" + experiment.production().variantName()
          + "'s requests copied to shadow variant " + experiment.shadowVariantName() + " until "
          + experiment.endTime(now)));
      ShadowTestState started = state.observed(arn, null, now, null, null).with(Stage.WAIT)
          .createdToo(experiment.name());
      return new Step.Running<>(started, events, s.context.polling().afterLaunch(now, now, s.context.random()));
    } catch (SageMakerException e) {
      if (TransientFailures.isTransient(e)) {
        throw e;
      }
      Optional<DescribeInferenceExperimentResponse> existing = s.describe(state, experiment.name());
      if (existing.isPresent()) {
        // Created by an earlier attempt or run: attach.
        events.add(s.event(state, "inference experiment " + experiment.name() + " exists ("
            + existing.get().statusAsString() + "): attaching to it"));
        return progress.follow(state.with(Stage.WAIT), existing.get(), events);
      }
      Kind kind = SageMakerErrors.isAlreadyExists(e) ? Kind.CONFLICT : Kind.FAILED;
      return new Step.Failed<>(state.with(Stage.DONE), events, OperationFailure.of(kind,
          "SageMaker refused inference experiment " + experiment.name() + " on endpoint " + experiment.endpointName()
              + ": " + SageMakerErrors.message(e) + (kind == Kind.CONFLICT
                  ? ". Another experiment runs on the endpoint; wait for it to end (or stop it), then run again"
                  : ""), SageMakerErrors.message(e)));
    }
  }
}
