package dev.sagemakergitops.core.operation.shadow;

import static dev.sagemakergitops.core.operation.shadow.StageContext.PROMOTE;
import static dev.sagemakergitops.core.operation.shadow.StageContext.REMOVE;

import dev.sagemakergitops.core.manifest.ShadowTestSpec;
import dev.sagemakergitops.core.operation.OperationEvent;
import dev.sagemakergitops.core.operation.OperationFailure;
import dev.sagemakergitops.core.operation.OperationFailure.Kind;
import dev.sagemakergitops.core.operation.Step;
import dev.sagemakergitops.core.operation.deploy.DeployResult;
import dev.sagemakergitops.core.operation.deploy.DeployState;
import dev.sagemakergitops.core.operation.shadow.ShadowTestState.Ending;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Stage {@code DONE}: the end of the run, from the state alone (polling a finished state again
 * answers the same): the report, or the failure saying what to do.
 */
final class ShadowOutcome {
  private final StageContext s;

  ShadowOutcome(StageContext s) {
    this.s = s;
  }

  Step<ShadowTestState, ShadowTestReport> finish(ShadowTestState state, List<OperationEvent> events) {
    ExperimentDefinition experiment = state.experiment();
    Ending ending = state.ending();
    if (ending == Ending.NOT_NEEDED) {
      return new Step.Succeeded<>(state, events, report(state, Verdict.ALREADY_SERVING, "None", null));
    }
    if (ending == Ending.CANCELLED_BY_THIS_TOOL || ending == Ending.CANCELLED_ELSEWHERE) {
      if (state.experimentArn() == null) {
        return new Step.Failed<>(state, events, OperationFailure.of(Kind.CANCELLED, "cancelled before inference "
            + "experiment " + experiment.name() + " was created; nothing changed on endpoint "
            + experiment.endpointName()));
      }
      return new Step.Failed<>(state, events, OperationFailure.of(Kind.CANCELLED, "inference experiment "
          + experiment.name() + " was cancelled" + (ending == Ending.CANCELLED_BY_THIS_TOOL ? " by this tool" : "")
          + " before it was judged; the shadow variant was removed. Run the shadow test again to judge the model",
          state.lastStatus()));
    }
    ShadowComparison comparison = state.comparison();
    Verdict verdict = comparison.verdict();
    ShadowTestSpec test = experiment.test();
    if (verdict == Verdict.PASSED) {
      if (ending == Ending.ENDED_ON_SCHEDULE && !REMOVE.equals(StageContext.actionFor(state, verdict))) {
        return new Step.Failed<>(state, events, OperationFailure.of(Kind.TIMED_OUT, "the shadow passed ("
            + comparison.summary() + "), but inference experiment " + experiment.name() + " reached its scheduled "
            + "end before this tool could " + test.onPass().manifestName() + " it, and SageMaker removed the shadow "
            + "variant. Deploy the model with safeDeploy, or run the shadow test again with another run key"));
      }
      if (StageContext.promotes(state)) {
        return promoted(state, events);
      }
      return new Step.Succeeded<>(state, events, report(state, verdict, state.action(), null));
    }
    String what = verdict == Verdict.INCONCLUSIVE
        ? "shadow test inconclusive, treated as a failure: " + String.join("; ", comparison.findings())
        : "shadow variant rejected: " + comparison.findings().stream().filter(f -> f.contains("above"))
            .collect(Collectors.joining("; "));
    String advice = verdict == Verdict.INCONCLUSIVE
        ? ". Send traffic to the endpoint during the test (or raise samplingPercent), then run it again with "
            + "another run key"
        : ". Fix the model, register a new package version and bump spec.model.package";
    return new Step.Failed<>(state, events, OperationFailure.of(Kind.REJECTED, what + ". The shadow variant was "
        + "removed; production is unchanged. Numbers: " + comparison.summary() + advice));
  }

  /**
   * The end of a promotion, from the finished safe deploy in the state: its result, or its failure
   * (same kind: a rollback by SageMaker is {@code ROLLED_BACK}) saying that the shadow passed.
   */
  private Step<ShadowTestState, ShadowTestReport> promoted(ShadowTestState state, List<OperationEvent> events) {
    Step<DeployState, DeployResult> end = s.deploy.poll(state.promotion());
    if (end instanceof Step.Succeeded<DeployState, DeployResult> done) {
      return new Step.Succeeded<>(state, events, report(state, Verdict.PASSED, PROMOTE, done.result()));
    }
    OperationFailure failure = ((Step.Failed<DeployState, DeployResult>) end).failure();
    return new Step.Failed<>(state, events, new OperationFailure(failure.kind(), "the shadow passed ("
        + state.comparison().summary() + ") and was removed from the experiment, but the safe deploy that promotes "
        + "model " + state.experiment().shadowModel().name() + " did not succeed: " + failure.message(),
        failure.failureReason(), failure.alarms()));
  }

  private static ShadowTestReport report(ShadowTestState state, Verdict verdict, String action,
      DeployResult deployment) {
    ExperimentDefinition experiment = state.experiment();
    boolean none = verdict == Verdict.ALREADY_SERVING;
    return new ShadowTestReport(experiment.endpointName(), none ? null : experiment.name(),
        none ? null : state.experimentArn(), experiment.production().variantName(), experiment.production().modelName(),
        none ? null : experiment.shadowVariantName(), experiment.shadowModel().name(), verdict, state.comparison(),
        action, state.created(), deployment);
  }
}
