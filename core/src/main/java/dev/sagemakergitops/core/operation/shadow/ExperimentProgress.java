package dev.sagemakergitops.core.operation.shadow;

import static dev.sagemakergitops.core.operation.shadow.StageContext.PROMOTE;
import static dev.sagemakergitops.core.operation.shadow.StageContext.REMOVE;

import dev.sagemakergitops.core.manifest.ShadowTestSpec;
import dev.sagemakergitops.core.operation.OperationEvent;
import dev.sagemakergitops.core.operation.Step;
import dev.sagemakergitops.core.operation.shadow.ShadowTestState.Ending;
import dev.sagemakergitops.core.operation.shadow.ShadowTestState.Stage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sagemaker.model.DescribeInferenceExperimentResponse;

/**
 * Following a running experiment, whichever stage found it ({@code CREATE}, {@code LOOK_UP},
 * {@code WAIT}, {@code STOPPING}): reports its status, judges it {@link ShadowTestOperation#EVALUATION_LEAD}
 * before its scheduled end on the CloudWatch metrics ({@link ShadowMetricsReader},
 * {@link ShadowComparison}), and, once it is over, says how it ended.
 */
final class ExperimentProgress {
  private final StageContext s;
  private final ShadowOutcome outcome;

  ExperimentProgress(StageContext s, ShadowOutcome outcome) {
    this.s = s;
    this.outcome = outcome;
  }

  /** Reports status changes, then judges when it is time, or says when to look again. */
  Step<ShadowTestState, ShadowTestReport> follow(ShadowTestState state,
      DescribeInferenceExperimentResponse experiment, List<OperationEvent> events) {
    ShadowTestState seen = s.observe(state, experiment, events);
    String status = experiment.statusAsString();
    if (StageContext.OVER.contains(status)) {
      return ended(seen, experiment, events);
    }
    Instant now = s.now();
    Instant evaluateAt = evaluateAt(seen);
    Duration wait;
    switch (status) {
      case "Running":
        if (!now.isBefore(evaluateAt)) {
          return evaluate(seen, experiment, events);
        }
        wait = s.context.polling().until(now, evaluateAt, s.context.random());
        break;
      case "Created":
        wait = s.context.polling().until(now, seen.scheduleStart() == null ? now : seen.scheduleStart(),
            s.context.random());
        break;
      case "Creating":
      case "Starting":
      case "Updating":
        wait = s.context.polling().afterLaunch(now, seen.creationTime() == null ? now : seen.creationTime(),
            s.context.random());
        break;
      default:
        wait = s.unknownWait();
    }
    return new Step.Running<>(seen, events, wait);
  }

  /** The experiment is over: how, and with which comparison. */
  Step<ShadowTestState, ShadowTestReport> ended(ShadowTestState state,
      DescribeInferenceExperimentResponse experiment, List<OperationEvent> events) {
    boolean ours = EarlierRun.stoppedByThisTool(experiment);
    if ("Cancelled".equals(experiment.statusAsString())) {
      // This tool stops with Completed; Cancelled comes from its cancel or from someone else.
      return outcome.finish(state.ended(ours ? Ending.CANCELLED_BY_THIS_TOOL : Ending.CANCELLED_ELSEWHERE)
          .with(Stage.DONE), events);
    }
    ShadowTestState judged = state;
    if (judged.comparison() == null) {
      ShadowComparison comparison = compare(state, experiment);
      judged = state.judged(comparison, ours ? StageContext.actionFor(state, comparison.verdict()) : REMOVE);
      events.add(s.event(state, "shadow test " + comparison.verdict() + ": " + comparison.summary()));
    }
    Ending ending = ours ? Ending.STOPPED_BY_THIS_TOOL : Ending.ENDED_ON_SCHEDULE;
    if (!ours) {
      events.add(s.event(state, "inference experiment " + experiment.name() + " reached its scheduled end before this "
          + "tool stopped it; SageMaker removed the shadow variant"));
    }
    return new Step.Running<>(judged.ended(ending).with(Stage.SETTLE), events, s.minimumWait());
  }

  private Step<ShadowTestState, ShadowTestReport> evaluate(ShadowTestState state,
      DescribeInferenceExperimentResponse experiment, List<OperationEvent> events) {
    ShadowComparison comparison = compare(state, experiment);
    ShadowTestState judged = state.judged(comparison, StageContext.actionFor(state, comparison.verdict()));
    events.add(s.event(state, "shadow test " + comparison.verdict() + ": " + comparison.summary()));
    events.add(s.event(state, "stopping inference experiment " + experiment.name() + " with shadow variant action "
        + StageContext.sageMakerAction(judged) + (PROMOTE.equals(judged.action()) && judged.promotion() != null
            ? ", then promoting the model with safe deploy" : "")));
    return new Step.Running<>(judged.with(Stage.STOP), events, s.minimumWait());
  }

  private Instant evaluateAt(ShadowTestState state) {
    Instant end = state.scheduleEnd() != null ? state.scheduleEnd()
        : state.experiment().endTime(state.creationTime() == null ? s.now() : state.creationTime());
    return end.minus(ShadowTestOperation.EVALUATION_LEAD).plus(ShadowTestOperation.METRICS_DELAY);
  }

  /** The comparison over the window from the schedule's start to {@code EVALUATION_LEAD} before its end. */
  private ShadowComparison compare(ShadowTestState state, DescribeInferenceExperimentResponse experiment) {
    Instant start = state.scheduleStart() != null ? state.scheduleStart() : experiment.creationTime();
    Instant end = evaluateAt(state).minus(ShadowTestOperation.METRICS_DELAY);
    if (experiment.completionTime() != null && experiment.completionTime().isBefore(end)) {
      end = experiment.completionTime();
    }
    String productionVariant = experiment.shadowModeConfig().sourceModelVariantName();
    String shadowVariant = experiment.shadowModeConfig().shadowModelVariants().get(0).shadowModelVariantName();
    MetricWindow window = MetricWindow.within(start, end, s.now());
    Map<String, VariantMetrics> metrics = new ShadowMetricsReader(s.context.clients().cloudWatch(
        state.experiment().region())).read(state.experiment().endpointName(), List.of(productionVariant, shadowVariant),
        window);
    ShadowTestSpec test = state.experiment().test();
    return ShadowComparison.judge(window.start(), window.end(), metrics.get(productionVariant),
        metrics.get(shadowVariant), test.maxLatencyIncreasePercent(), test.maxErrorRatePercent());
  }
}
