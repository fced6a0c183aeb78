package dev.sagemakergitops.core.operation.shadow;

import dev.sagemakergitops.core.aws.SageMakerHosting;
import dev.sagemakergitops.core.operation.OperationContext;
import dev.sagemakergitops.core.operation.OperationEvent;
import dev.sagemakergitops.core.operation.deploy.SafeDeployOperation;
import dev.sagemakergitops.core.operation.model.ServingModels;
import dev.sagemakergitops.core.operation.shadow.ShadowTestState.Ending;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DescribeInferenceExperimentResponse;

/**
 * What every stage of a shadow test shares: the clients, the clock, the shadow model's definition,
 * the safe deploy that promotes a pass, how an experiment is read and reported, and the
 * {@code ModelVariantAction} words. The actions stay SageMaker's words, not an enum: they are saved
 * as such in the state ({@code action}) and sent as such in StopInferenceExperiment.
 */
final class StageContext {
  static final String PROMOTE = "Promote";
  static final String RETAIN = "Retain";
  static final String REMOVE = "Remove";
  /** The final experiment statuses [botocore {@code InferenceExperimentStatus}]. */
  static final Set<String> OVER = Set.of("Completed", "Cancelled");

  final OperationContext context;
  final ServingModels models;
  final SafeDeployOperation deploy;

  StageContext(OperationContext context) {
    this.context = context;
    this.models = new ServingModels(context);
    this.deploy = new SafeDeployOperation(context);
  }

  Instant now() {
    return context.clock().instant();
  }

  OperationEvent event(ShadowTestState state, String message) {
    return new OperationEvent(now(), state.phase(), message);
  }

  SageMakerClient sageMaker(ShadowTestState state) {
    return context.clients().sageMaker(state.experiment().region());
  }

  SageMakerHosting hosting(ShadowTestState state) {
    return new SageMakerHosting(sageMaker(state));
  }

  Optional<DescribeInferenceExperimentResponse> describe(ShadowTestState state, String name) {
    return hosting(state).findInferenceExperiment(name);
  }

  /** The wait when nothing says how long: SageMaker's state is simply looked at again. */
  Duration unknownWait() {
    return context.polling().unknown(context.random());
  }

  Duration minimumWait() {
    return context.polling().minimum();
  }

  /** The state with what SageMaker says of the experiment, reporting a changed status line. */
  ShadowTestState observe(ShadowTestState state, DescribeInferenceExperimentResponse experiment,
      List<OperationEvent> events) {
    String status = statusLine(experiment);
    if (!status.equals(state.lastStatus())) {
      events.add(event(state, "inference experiment " + experiment.name() + ": " + status));
    }
    Instant start = experiment.schedule() == null ? null : experiment.schedule().startTime();
    Instant end = experiment.schedule() == null ? null : experiment.schedule().endTime();
    return state.observed(experiment.arn(), status, experiment.creationTime(),
        start != null ? start : experiment.creationTime(), end);
  }

  private static String statusLine(DescribeInferenceExperimentResponse experiment) {
    String variants = experiment.modelVariants().stream()
        .map(v -> v.variantName() + " " + v.statusAsString())
        .collect(Collectors.joining(", "));
    String reason = experiment.statusReason() == null || experiment.statusReason().isEmpty()
        || experiment.statusReason().startsWith(ShadowTestOperation.REASON_MARKER) ? "" : " - " + experiment.statusReason();
    return experiment.statusAsString() + (variants.isEmpty() ? "" : " (" + variants + ")") + reason;
  }

  /**
   * True when the shadow passed, this tool stopped the experiment (removing the shadow), and the
   * manifest is to be rolled out by the safe deploy planned at {@code begin}.
   */
  static boolean promotes(ShadowTestState state) {
    return state.promotion() != null && PROMOTE.equals(state.action()) && state.comparison() != null
        && state.comparison().verdict() == Verdict.PASSED && state.ending() == Ending.STOPPED_BY_THIS_TOOL;
  }

  static String actionFor(ShadowTestState state, Verdict verdict) {
    if (verdict != Verdict.PASSED) {
      return REMOVE;
    }
    switch (state.experiment().test().onPass()) {
      case PROMOTE:
        return PROMOTE;
      case RETAIN:
        return RETAIN;
      default:
        return REMOVE;
    }
  }

  /**
   * The {@code ModelVariantAction} sent for the shadow. A promotion is never SageMaker's
   * {@code Promote}: that puts the shadow in production under its own variant name on a
   * configuration SageMaker makes, which the next safe deploy's variant-name guardrail refuses, and
   * it removes an autoscaled production variant (refused by SageMaker unless deregistered). The
   * shadow is removed instead and the model rolled out by safe deploy. Only a state saved before
   * that change (no {@code promotion}) still promotes through SageMaker, as it was started.
   */
  static String sageMakerAction(ShadowTestState state) {
    return PROMOTE.equals(state.action()) && state.promotion() != null ? REMOVE : state.action();
  }
}
