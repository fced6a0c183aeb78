package dev.sagemakergitops.core.operation.shadow;

import static dev.sagemakergitops.core.operation.shadow.StageContext.PROMOTE;
import static dev.sagemakergitops.core.operation.shadow.StageContext.REMOVE;
import static dev.sagemakergitops.core.operation.shadow.StageContext.RETAIN;

import dev.sagemakergitops.core.aws.SageMakerErrors;
import dev.sagemakergitops.core.operation.shadow.ShadowTestState.Stage;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.sagemaker.model.InferenceExperimentStopDesiredState;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;
import software.amazon.awssdk.services.sagemaker.model.StopInferenceExperimentRequest;

/**
 * StopInferenceExperiment as a shadow test sends it: with the verdict's action (stage
 * {@link Stage#STOP}), or removing the shadow when cancelled ({@code cancel}, stage
 * {@link Stage#CANCELLING}).
 */
final class ExperimentStop {
  private final StageContext s;

  ExperimentStop(StageContext s) {
    this.s = s;
  }

  /** Removes the shadow and ends the experiment {@code Cancelled}. */
  void cancel(ShadowTestState state) {
    send(state, REMOVE, InferenceExperimentStopDesiredState.CANCELLED, ShadowTestOperation.REASON_MARKER + " cancelled");
  }

  /**
   * Stops the experiment. Production is retained, except under SageMaker's own {@code Promote}
   * (only for a state saved before promotion went through safe deploy), which replaces production
   * with the shadow on production's instances, as SageMaker advises. An experiment that is over
   * already or no longer exists needs no stop: the next poll sees how it ended. So NotFound and
   * Conflict are the answers of a stop that has nothing left to do, not a missing resource to report.
   */
  void send(ShadowTestState state, String shadowAction, InferenceExperimentStopDesiredState desired, String reason) {
    ExperimentDefinition experiment = state.experiment();
    Map<String, String> actions = new LinkedHashMap<>();
    actions.put(experiment.shadowVariantName(), shadowAction);
    actions.put(experiment.production().variantName(), PROMOTE.equals(shadowAction) ? REMOVE : RETAIN);
    StopInferenceExperimentRequest.Builder request = StopInferenceExperimentRequest.builder()
        .name(experiment.name())
        .modelVariantActionsWithStrings(actions)
        .desiredState(desired)
        .reason(reason.length() > 1024 ? reason.substring(0, 1024) : reason);
    if (PROMOTE.equals(shadowAction)) {
      request.desiredModelVariants(experiment.promotedVariant());
    }
    try {
      s.sageMaker(state).stopInferenceExperiment(request.build());
    } catch (SageMakerException e) {
      String code = SageMakerErrors.code(e);
      boolean settled = SageMakerErrors.isNotFound(e) || "ConflictException".equals(code) || "Conflict".equals(code);
      if (!settled) {
        throw e;
      }
    }
  }
}
