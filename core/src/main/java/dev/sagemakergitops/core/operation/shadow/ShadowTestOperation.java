package dev.sagemakergitops.core.operation.shadow;

import dev.sagemakergitops.core.operation.Operation;
import dev.sagemakergitops.core.operation.OperationContext;
import dev.sagemakergitops.core.operation.Step;
import dev.sagemakergitops.core.operation.shadow.ShadowTestState.Ending;
import dev.sagemakergitops.core.operation.shadow.ShadowTestState.Stage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Map;

/**
 * The shadow test: the manifest's model runs as a shadow variant of the live endpoint in a SageMaker
 * inference experiment (shadow mode) for the manifest's duration, is compared with production on
 * CloudWatch metrics, and is promoted, retained or removed. See {@code docs/operations.md},
 * "Shadow test".
 *
 * <p>SageMaker removes the shadow by itself when an experiment reaches its scheduled end, and an
 * ended experiment can no longer be stopped with {@code Promote}. So the test is judged
 * {@link #EVALUATION_LEAD} before the end (on the window from the start to then) and stopped at once
 * with the action decided.
 *
 * <p>This class only dispatches: {@code begin} is {@link ShadowPreflight}, each poll goes to the
 * class of the state's {@link Stage} ({@link CreateStage}, {@link LookUpStage}, {@link WaitStage},
 * {@link StopStage}, {@link StoppingStage}, {@link SettleStage}, {@link CancellingStage},
 * {@link PromotionStage}), and a finished state to {@link ShadowOutcome}. See the package
 * documentation for the stages.
 */
public final class ShadowTestOperation implements Operation<ShadowTestRequest, ShadowTestState, ShadowTestReport> {

  /** How long before the scheduled end the comparison window closes. */
  static final Duration EVALUATION_LEAD = Duration.ofMinutes(10);
  /** How long after the window closes the comparison is made: CloudWatch publishes within minutes. */
  static final Duration METRICS_DELAY = Duration.ofMinutes(3);
  /** Begins every {@code Reason} this tool stops an experiment with, so a later run knows it did. */
  static final String REASON_MARKER = "sagemaker-gitops shadow test:";

  private final StageContext context;
  private final ShadowPreflight preflight;
  private final ExperimentStop stop;
  private final ShadowOutcome outcome;
  private final Map<Stage, ShadowStage> stages = new EnumMap<>(Stage.class);

  public ShadowTestOperation(OperationContext context) {
    this.context = new StageContext(context);
    this.preflight = new ShadowPreflight(this.context);
    this.stop = new ExperimentStop(this.context);
    this.outcome = new ShadowOutcome(this.context);
    ExperimentProgress progress = new ExperimentProgress(this.context, outcome);
    stages.put(Stage.CREATE, new CreateStage(this.context, progress));
    stages.put(Stage.LOOK_UP, new LookUpStage(this.context, progress, outcome));
    stages.put(Stage.WAIT, new WaitStage(this.context, progress));
    stages.put(Stage.STOP, new StopStage(this.context, stop));
    stages.put(Stage.STOPPING, new StoppingStage(this.context, progress));
    stages.put(Stage.SETTLE, new SettleStage(this.context, outcome));
    stages.put(Stage.CANCELLING, new CancellingStage(this.context, stop, outcome));
    stages.put(Stage.DEPLOY, new PromotionStage(this.context, outcome));
  }

  @Override
  public String name() {
    return "shadowTest";
  }

  @Override
  public Class<ShadowTestState> stateType() {
    return ShadowTestState.class;
  }

  /**
   * Checks the manifest and the live endpoint against SageMaker's shadow-test exclusions and reads
   * the model package; creates nothing.
   *
   * @throws dev.sagemakergitops.core.operation.OperationInputException naming every problem found
   *     (file, line, field)
   */
  @Override
  public ShadowTestState begin(ShadowTestRequest request) {
    return preflight.begin(request);
  }

  @Override
  public Step<ShadowTestState, ShadowTestReport> poll(ShadowTestState state) {
    ShadowStage stage = stages.get(state.stage());
    if (stage != null) {
      return stage.poll(state);
    }
    return outcome.finish(state, new ArrayList<>());
  }

  /**
   * Stops the experiment and removes the shadow variant ({@code Remove}, {@code Cancelled}). Once
   * this tool has stopped the experiment with its verdict's action, cancelling changes nothing.
   */
  @Override
  public ShadowTestState cancel(ShadowTestState state) {
    if (state.stage() == Stage.DEPLOY) {
      return state.promoted(context.deploy.cancel(state.promotion()));
    }
    if (state.stage() == Stage.STOPPING || state.stage() == Stage.SETTLE || state.stage() == Stage.DONE) {
      return state;
    }
    if (state.stage() == Stage.LOOK_UP) {
      return state.ended(Ending.CANCELLED_BY_THIS_TOOL).with(Stage.DONE);
    }
    stop.cancel(state);
    return state.with(Stage.CANCELLING);
  }
}
