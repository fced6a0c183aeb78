package dev.sagemakergitops.core.operation.deploy;

import dev.sagemakergitops.core.health.IntentTag;
import dev.sagemakergitops.core.operation.Operation;
import dev.sagemakergitops.core.operation.OperationContext;
import dev.sagemakergitops.core.operation.OperationEvent;
import dev.sagemakergitops.core.operation.OperationFailure;
import dev.sagemakergitops.core.operation.Step;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Safe deploy: the manifest's model package version becomes a model and an endpoint configuration
 * (names derived from the resolved spec), the endpoint is created or updated with the manifest's
 * {@code DeploymentConfig} (SageMaker's own blue/green or rolling guardrails, with alarm-based
 * auto-rollback), and the result is verified: the live {@code EndpointConfigName} is the one
 * requested, the endpoint is {@code InService}, and every variant runs the pinned image digest.
 * Anything else is a failure; a rollback by SageMaker is never reported as success.
 *
 * <p>This class only dispatches: {@code begin} is {@link DeployPreflight}, each poll goes to the
 * class of the state's {@link DeployState.Stage} ({@link ModelStage}, {@link EndpointConfigStage},
 * {@link EndpointStage}, {@link DeployingStage}, {@link InPlaceStage}, {@link SmokeTestStage},
 * {@link SmokeTestRollbackStage}, {@link AutoscalingStage}, {@link TagsStage},
 * {@link CleanUpStage}, {@link RestoringStage}), and {@code cancel} is {@link Cancellation}. See the
 * package documentation for the stages and {@code docs/operations.md} for the user's view.
 */
public final class SafeDeployOperation implements Operation<DeployRequest, DeployState, DeployResult> {
  public static final String NAME = "safeDeploy";
  /** The endpoint tag naming the configuration this tool last asked the endpoint to serve. */
  public static final String CONFIG_TAG = IntentTag.KEY;

  private final StageContext context;
  private final DeployPreflight preflight;
  private final Map<DeployState.Stage, DeployStage> stages = new EnumMap<>(DeployState.Stage.class);

  public SafeDeployOperation(OperationContext context) {
    this(context, DeploymentSchedule.of(context.polling()));
  }

  public SafeDeployOperation(OperationContext context, DeploymentSchedule schedule) {
    this(context, schedule, CommitAncestry.UNKNOWN);
  }

  /** With {@code ancestry}, a run that waited for another deployment never replaces a newer commit with its own. */
  public SafeDeployOperation(OperationContext context, CommitAncestry ancestry) {
    this(context, DeploymentSchedule.of(context.polling()), ancestry);
  }

  public SafeDeployOperation(OperationContext context, DeploymentSchedule schedule, CommitAncestry ancestry) {
    this.context = new StageContext(context, schedule, ancestry);
    this.preflight = new DeployPreflight(context);
    ConflictWait conflict = new ConflictWait(this.context);
    Verification verification = new Verification(this.context);
    InPlaceUpdate inPlace = new InPlaceUpdate(this.context, conflict, verification);
    stages.put(DeployState.Stage.MODEL, new ModelStage(this.context));
    stages.put(DeployState.Stage.CONFIG, new EndpointConfigStage(this.context, inPlace));
    stages.put(DeployState.Stage.ENDPOINT, new EndpointStage(this.context, conflict,
        new EndpointUpdate(this.context, conflict), verification, inPlace));
    stages.put(DeployState.Stage.DEPLOYING, new DeployingStage(this.context, verification));
    stages.put(DeployState.Stage.WEIGHTS, new InPlaceStage(this.context, inPlace, verification));
    stages.put(DeployState.Stage.SMOKE_TEST, new SmokeTestStage(this.context));
    stages.put(DeployState.Stage.SMOKE_TEST_ROLLBACK, new SmokeTestRollbackStage(this.context));
    stages.put(DeployState.Stage.AUTOSCALING, new AutoscalingStage(this.context));
    stages.put(DeployState.Stage.TAGS, new TagsStage(this.context));
    stages.put(DeployState.Stage.CLEAN_UP, new CleanUpStage(this.context));
    stages.put(DeployState.Stage.RESTORING, new RestoringStage(this.context));
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Class<DeployState> stateType() {
    return DeployState.class;
  }

  /**
   * A deploy that {@link #begin} planned some time ago, started now. A caller that plans a deploy
   * early, to refuse it before it changes anything, and runs it later (a shadow test's promotion,
   * after the experiment's hour) starts it here, so that what it creates counts as created by this
   * run from when it really runs: a model or configuration not visible yet is then waited for
   * (eventual consistency), not taken as deleted.
   *
   * <p>What the pre-flight read may have changed in the meantime, so its reads that can change are
   * repeated first ({@link DeployPreflight#recheck}: the packages still Approved, the rollback
   * alarms there and not in ALARM). When one no longer holds, the deploy is not started: the state
   * returned has failed ({@code FAILED}) before any change, saying what changed and what to do.
   *
   * @throws IllegalStateException when {@code planned} has already started to change things
   */
  public DeployState startNow(DeployState planned) {
    if (planned.stage() != DeployState.Stage.MODEL) {
      throw new IllegalStateException("the deploy already runs (stage " + planned.stage() + ")");
    }
    DeployState started = DeployState.start(planned.plan(), context.now());
    List<String> stops = preflight.recheck(planned.plan());
    if (stops.isEmpty()) {
      return started;
    }
    OperationFailure failure = OperationFailure.of(OperationFailure.Kind.FAILED, "it was not started, because "
        + "what its pre-flight read has changed since: " + String.join("; ", stops) + ". Nothing was changed on "
        + "endpoint " + planned.plan().endpointName() + "; deploy the manifest with safe deploy once that is put right");
    return started.with(d -> {
      d.stage = DeployState.Stage.FAILED;
      d.failure = failure;
    });
  }

  /**
   * The pre-flight: checks everything before anything is changed. Reads only.
   *
   * @throws dev.sagemakergitops.core.operation.OperationInputException naming file, line and field of
   *     every problem
   */
  @Override
  public DeployState begin(DeployRequest request) {
    return preflight.begin(request);
  }

  @Override
  public Step<DeployState, DeployResult> poll(DeployState state) {
    List<OperationEvent> events = new ArrayList<>();
    DeployStage stage = stages.get(state.stage());
    if (stage != null) {
      return stage.poll(state, events);
    }
    if (state.stage() == DeployState.Stage.SUCCEEDED) {
      return new Step.Succeeded<>(state, events, StageContext.result(state));
    }
    return new Step.Failed<>(state, events, state.failure());
  }

  /** Stops waiting; see {@link Cancellation}. */
  @Override
  public DeployState cancel(DeployState state) {
    return Cancellation.cancel(state, context.now());
  }
}
