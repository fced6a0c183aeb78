package dev.sagemakergitops.core.operation.shadow;

import dev.sagemakergitops.core.manifest.ManifestProblem;
import dev.sagemakergitops.core.manifest.ModelSpec;
import dev.sagemakergitops.core.manifest.ShadowTestSpec;
import dev.sagemakergitops.core.manifest.Spec;
import dev.sagemakergitops.core.aws.EventualConsistency;
import dev.sagemakergitops.core.operation.Operation;
import dev.sagemakergitops.core.operation.OperationContext;
import dev.sagemakergitops.core.operation.OperationEvent;
import dev.sagemakergitops.core.operation.OperationFailure;
import dev.sagemakergitops.core.operation.OperationFailure.Kind;
import dev.sagemakergitops.core.operation.OperationInputException;
import dev.sagemakergitops.core.operation.ResolvedManifest;
import dev.sagemakergitops.core.aws.SageMakerErrors;
import dev.sagemakergitops.core.operation.Step;
import dev.sagemakergitops.core.aws.TransientFailures;
import dev.sagemakergitops.core.operation.deploy.DeployRequest;
import dev.sagemakergitops.core.operation.deploy.DeployResult;
import dev.sagemakergitops.core.operation.deploy.DeployState;
import dev.sagemakergitops.core.operation.deploy.SafeDeployOperation;
import dev.sagemakergitops.core.operation.model.ServingModel;
import dev.sagemakergitops.core.operation.model.ServingModels;
import dev.sagemakergitops.core.operation.shadow.ShadowTestState.Ending;
import dev.sagemakergitops.core.operation.shadow.ShadowTestState.Stage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeInferenceExperimentResponse;
import software.amazon.awssdk.services.sagemaker.model.InferenceExperimentStopDesiredState;
import software.amazon.awssdk.services.sagemaker.model.InferenceExperimentSummary;
import software.amazon.awssdk.services.sagemaker.model.ModelVariantConfigSummary;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;
import software.amazon.awssdk.services.sagemaker.model.StopInferenceExperimentRequest;

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
 */
public final class ShadowTestOperation implements Operation<ShadowTestRequest, ShadowTestState, ShadowTestReport> {

  /** How long before the scheduled end the comparison window closes. */
  static final Duration EVALUATION_LEAD = Duration.ofMinutes(10);
  /** How long after the window closes the comparison is made: CloudWatch publishes within minutes. */
  static final Duration METRICS_DELAY = Duration.ofMinutes(3);
  /** Begins every {@code Reason} this tool stops an experiment with, so a later run knows it did. */
  static final String REASON_MARKER = "sagemaker-gitops shadow test:";

  private static final Set<String> OVER = Set.of("Completed", "Cancelled");
  private static final String PROMOTE = "Promote";
  private static final String RETAIN = "Retain";
  private static final String REMOVE = "Remove";

  private final OperationContext context;
  private final ServingModels models;
  private final SafeDeployOperation deploy;

  public ShadowTestOperation(OperationContext context) {
    this.context = context;
    this.models = new ServingModels(context);
    this.deploy = new SafeDeployOperation(context);
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
   * @throws OperationInputException naming every problem found (file, line, field)
   */
  @Override
  public ShadowTestState begin(ShadowTestRequest request) {
    ResolvedManifest manifest = request.manifest();
    Spec spec = manifest.manifest().spec();
    List<ManifestProblem> problems = new ArrayList<>();
    if (spec.shadowTest() == null) {
      problems.add(manifest.problemAt("spec", "this manifest has no shadowTest section; add spec.shadowTest "
          + "(samplingPercent, duration, compare, onPass) to shadow test its model"));
    }
    if (spec.endpoint() == null) {
      problems.add(manifest.problemAt("spec", "this manifest has no endpoint section; a shadow test runs beside the "
          + "live endpoint that spec.endpoint names"));
    }
    if (spec.model() != null && spec.model().mode() == ModelSpec.Mode.MULTI_MODEL) {
      problems.add(manifest.problemAt("spec.model.mode", "SageMaker does not shadow test multi-model endpoints; use "
          + "mode SingleModel or remove spec.shadowTest"));
    }
    if (spec.shadowTest() != null && spec.shadowTest().instanceType() != null
        && spec.shadowTest().instanceType().startsWith("ml.inf1.")) {
      problems.add(manifest.problemAt("spec.shadowTest.instanceType", "SageMaker does not shadow test on Inf1 "
          + "instances; choose another instance type"));
    }
    if (!problems.isEmpty()) {
      throw new OperationInputException(problems);
    }
    String region = context.regionOf(manifest);
    String endpointName = spec.endpoint().name();
    SageMakerClient sageMaker = context.clients().sageMaker(region);
    List<ManifestProblem> liveProblems = new ArrayList<>();
    Optional<ProductionVariant> production = new LiveEndpointCheck(sageMaker)
        .productionVariant(manifest, endpointName, liveProblems);
    ServingModel shadowModel = null;
    try {
      shadowModel = models.define(manifest);
    } catch (OperationInputException e) {
      problems.addAll(e.problems());
    }
    DeployState promotion = null;
    List<ManifestProblem> promotionProblems = new ArrayList<>();
    if (spec.shadowTest().onPass() == ShadowTestSpec.OnPass.PROMOTE) {
      // A pass is rolled out by safe deploy, so everything that deploy would refuse (variant names,
      // alarms, exclusions) is refused now, before the experiment is created.
      try {
        promotion = deploy.begin(DeployRequest.of(manifest));
      } catch (OperationInputException e) {
        promotionProblems.addAll(e.problems());
      }
    }
    String roleArn = request.roleArn() != null ? request.roleArn() : spec.model().executionRoleArn();
    if (production.isEmpty() && shadowModel != null && problems.isEmpty() && promotionProblems.isEmpty()) {
      Optional<ShadowTestState> attached = attach(request, sageMaker, roleArn, shadowModel, promotion);
      if (attached.isPresent()) {
        return attached.get();
      }
    }
    // An endpoint a shadow test cannot run beside makes the deploy's view of it beside the point.
    problems.addAll(liveProblems.isEmpty() ? promotionProblems : liveProblems);
    if (!problems.isEmpty() || production.isEmpty()) {
      throw new OperationInputException(problems);
    }
    ExperimentDefinition experiment = ExperimentDefinition.of(endpointName, region, roleArn, production.get(),
        shadowModel, spec.shadowTest(), request.dataCaptureS3Uri(), request.runKey());
    Stage first = production.get().modelName().equals(shadowModel.name()) ? Stage.LOOK_UP : Stage.CREATE;
    return new ShadowTestState(first, experiment, null, null, null, null, null, null, null, null, List.of(),
        promotion);
  }

  /**
   * With no saved state, while the endpoint is busy with an experiment a run of this test started
   * ({@link EarlierRun}): the state that goes on with that experiment.
   */
  private Optional<ShadowTestState> attach(ShadowTestRequest request, SageMakerClient sageMaker, String roleArn,
      ServingModel shadowModel, DeployState promotion) {
    Spec spec = request.manifest().manifest().spec();
    Optional<DescribeEndpointResponse> endpoint;
    try {
      endpoint = Optional.of(sageMaker.describeEndpoint(r -> r.endpointName(spec.endpoint().name())));
    } catch (SageMakerException e) {
      if (!SageMakerErrors.isNotFound(e)) {
        throw e;
      }
      endpoint = Optional.empty();
    }
    return endpoint.flatMap(live -> EarlierRun.busyWith(sageMaker, live, shadowModel.name())).map(earlier -> {
      ExperimentDefinition wanted = ExperimentDefinition.of(spec.endpoint().name(), context.regionOf(request.manifest()),
          roleArn, EarlierRun.productionOf(earlier), shadowModel, spec.shadowTest(), request.dataCaptureS3Uri(),
          request.runKey());
      return new ShadowTestState(Stage.WAIT, EarlierRun.adopt(wanted, earlier), null, null, null, null, null, null,
          null, null, List.of(), promotion);
    });
  }

  @Override
  public Step<ShadowTestState, ShadowTestReport> poll(ShadowTestState state) {
    switch (state.stage()) {
      case CREATE:
        return create(state);
      case LOOK_UP:
        return lookUp(state);
      case WAIT:
        return waitForEvaluation(state);
      case STOP:
        return stop(state);
      case STOPPING:
        return waitForStop(state);
      case SETTLE:
        return settle(state);
      case CANCELLING:
        return waitForCancellation(state);
      case DEPLOY:
        return promote(state);
      default:
        return finish(state, new ArrayList<>());
    }
  }

  /**
   * Stops the experiment and removes the shadow variant ({@code Remove}, {@code Cancelled}). Once
   * this tool has stopped the experiment with its verdict's action, cancelling changes nothing.
   */
  @Override
  public ShadowTestState cancel(ShadowTestState state) {
    if (state.stage() == Stage.DEPLOY) {
      return state.promoted(deploy.cancel(state.promotion()));
    }
    if (state.stage() == Stage.STOPPING || state.stage() == Stage.SETTLE || state.stage() == Stage.DONE) {
      return state;
    }
    if (state.stage() == Stage.LOOK_UP) {
      return state.ended(Ending.CANCELLED_BY_THIS_TOOL).with(Stage.DONE);
    }
    sendStop(state, REMOVE, InferenceExperimentStopDesiredState.CANCELLED, REASON_MARKER + " cancelled");
    return state.with(Stage.CANCELLING);
  }

  // ---------------------------------------------------------------------------------------- stages

  private Step<ShadowTestState, ShadowTestReport> create(ShadowTestState before) {
    List<OperationEvent> events = new ArrayList<>();
    ExperimentDefinition experiment = before.experiment();
    ShadowTestState state = before;
    ServingModels.Ensured model = models.ensureModel(experiment.shadowModel());
    if (model == ServingModels.Ensured.CREATED) {
      events.add(event(state, "created model " + experiment.shadowModel().name()));
      state = state.createdToo(experiment.shadowModel().name());
    }
    Instant now = context.clock().instant();
    try {
      String arn = EventualConsistency.use(model.isNew(), "model " + experiment.shadowModel().name(),
          () -> sageMaker(before).createInferenceExperiment(experiment.toRequest(now)).inferenceExperimentArn());
      events.add(event(state, "created inference experiment " + experiment.name() + ": " + experiment.test()
          .samplingPercent() + " % of " + experiment.endpointName() + "/" + experiment.production().variantName()
          + "'s requests copied to shadow variant " + experiment.shadowVariantName() + " until "
          + experiment.endTime(now)));
      ShadowTestState started = state.observed(arn, null, now, null, null).with(Stage.WAIT)
          .createdToo(experiment.name());
      return new Step.Running<>(started, events, context.polling().afterLaunch(now, now, context.random()));
    } catch (SageMakerException e) {
      if (TransientFailures.isTransient(e)) {
        throw e;
      }
      Optional<DescribeInferenceExperimentResponse> existing = describe(state, experiment.name());
      if (existing.isPresent()) {
        // Created by an earlier attempt or run: attach.
        events.add(event(state, "inference experiment " + experiment.name() + " exists ("
            + existing.get().statusAsString() + "): attaching to it"));
        return observeExperiment(state.with(Stage.WAIT), existing.get(), events);
      }
      Kind kind = SageMakerErrors.isAlreadyExists(e) ? Kind.CONFLICT : Kind.FAILED;
      return new Step.Failed<>(state.with(Stage.DONE), events, OperationFailure.of(kind,
          "SageMaker refused inference experiment " + experiment.name() + " on endpoint " + experiment.endpointName()
              + ": " + SageMakerErrors.message(e) + (kind == Kind.CONFLICT
                  ? ". Another experiment runs on the endpoint; wait for it to end (or stop it), then run again"
                  : ""), SageMakerErrors.message(e)));
    }
  }

  /**
   * The endpoint already serves the manifest's model, most likely because an earlier run of this
   * test promoted it (and the process died before it could report so). Finds that experiment to
   * report it; without one there is simply nothing to test.
   */
  private Step<ShadowTestState, ShadowTestReport> lookUp(ShadowTestState state) {
    List<OperationEvent> events = new ArrayList<>();
    ExperimentDefinition experiment = state.experiment();
    String prefix = experiment.name().substring(0, experiment.name().lastIndexOf('-'));
    List<InferenceExperimentSummary> candidates = sageMaker(state).listInferenceExperiments(r -> r
        .nameContains(prefix).sortBy("CreationTime").sortOrder("Descending").maxResults(10)).inferenceExperiments();
    for (InferenceExperimentSummary candidate : candidates) {
      Optional<DescribeInferenceExperimentResponse> found = describe(state, candidate.name());
      if (found.isPresent() && OVER.contains(found.get().statusAsString()) && EarlierRun.stoppedByThisTool(found.get())
          && experiment.shadowModel().name().equals(EarlierRun.shadowModelOf(found.get()))) {
        DescribeInferenceExperimentResponse earlier = found.get();
        events.add(event(state, "endpoint " + experiment.endpointName() + " already serves model "
            + experiment.shadowModel().name() + ", promoted by inference experiment " + earlier.name()));
        return observeExperiment(state.withExperiment(EarlierRun.adopt(experiment, earlier)).with(Stage.WAIT), earlier, events);
      }
    }
    events.add(event(state, "endpoint " + experiment.endpointName() + " already serves model "
        + experiment.shadowModel().name() + ": nothing to shadow test"));
    return finish(state.ended(Ending.NOT_NEEDED).with(Stage.DONE), events);
  }

  private Step<ShadowTestState, ShadowTestReport> waitForEvaluation(ShadowTestState state) {
    Optional<DescribeInferenceExperimentResponse> described = describe(state, state.experiment().name());
    if (described.isEmpty()) {
      // Not visible yet right after its creation, or never created by an attempt that died.
      return new Step.Running<>(state.with(Stage.CREATE), List.of(), context.polling().unknown(context.random()));
    }
    return observeExperiment(state, described.get(), new ArrayList<>());
  }

  /** Reports status changes, then judges when it is time, or says when to look again. */
  private Step<ShadowTestState, ShadowTestReport> observeExperiment(ShadowTestState state,
      DescribeInferenceExperimentResponse experiment, List<OperationEvent> events) {
    ShadowTestState seen = observe(state, experiment, events);
    String status = experiment.statusAsString();
    if (OVER.contains(status)) {
      return ended(seen, experiment, events);
    }
    Instant now = context.clock().instant();
    Instant evaluateAt = evaluateAt(seen);
    Duration wait;
    switch (status) {
      case "Running":
        if (!now.isBefore(evaluateAt)) {
          return evaluate(seen, experiment, events);
        }
        wait = context.polling().until(now, evaluateAt, context.random());
        break;
      case "Created":
        wait = context.polling().until(now, seen.scheduleStart() == null ? now : seen.scheduleStart(),
            context.random());
        break;
      case "Creating":
      case "Starting":
      case "Updating":
        wait = context.polling().afterLaunch(now, seen.creationTime() == null ? now : seen.creationTime(),
            context.random());
        break;
      default:
        wait = context.polling().unknown(context.random());
    }
    return new Step.Running<>(seen, events, wait);
  }

  private Step<ShadowTestState, ShadowTestReport> evaluate(ShadowTestState state,
      DescribeInferenceExperimentResponse experiment, List<OperationEvent> events) {
    ShadowComparison comparison = compare(state, experiment);
    ShadowTestState judged = state.judged(comparison, actionFor(state, comparison.verdict()));
    events.add(event(state, "shadow test " + comparison.verdict() + ": " + comparison.summary()));
    events.add(event(state, "stopping inference experiment " + experiment.name() + " with shadow variant action "
        + sageMakerAction(judged) + (PROMOTE.equals(judged.action()) && judged.promotion() != null
            ? ", then promoting the model with safe deploy" : "")));
    return new Step.Running<>(judged.with(Stage.STOP), events, context.polling().minimum());
  }

  private Step<ShadowTestState, ShadowTestReport> stop(ShadowTestState state) {
    String reason = REASON_MARKER + " " + state.comparison().verdict() + "; shadow variant " + state.action()
        + (sageMakerAction(state).equals(state.action()) ? "" : " (removed here, then deployed by safe deploy)") + ". "
        + state.comparison().summary();
    sendStop(state, sageMakerAction(state), InferenceExperimentStopDesiredState.COMPLETED, reason);
    return new Step.Running<>(state.with(Stage.STOPPING), List.of(), context.polling().minimum());
  }

  private Step<ShadowTestState, ShadowTestReport> waitForStop(ShadowTestState state) {
    Optional<DescribeInferenceExperimentResponse> described = describe(state, state.experiment().name());
    if (described.isEmpty()) {
      return vanished(state);
    }
    List<OperationEvent> events = new ArrayList<>();
    ShadowTestState seen = observe(state, described.get(), events);
    if (!OVER.contains(described.get().statusAsString())) {
      return new Step.Running<>(seen, events, context.polling().unknown(context.random()));
    }
    return ended(seen, described.get(), events);
  }

  /** The experiment is over: how, and with which comparison. */
  private Step<ShadowTestState, ShadowTestReport> ended(ShadowTestState state,
      DescribeInferenceExperimentResponse experiment, List<OperationEvent> events) {
    boolean ours = EarlierRun.stoppedByThisTool(experiment);
    if ("Cancelled".equals(experiment.statusAsString())) {
      // This tool stops with Completed; Cancelled comes from its cancel or from someone else.
      return finish(state.ended(ours ? Ending.CANCELLED_BY_THIS_TOOL : Ending.CANCELLED_ELSEWHERE).with(Stage.DONE),
          events);
    }
    ShadowTestState judged = state;
    if (judged.comparison() == null) {
      ShadowComparison comparison = compare(state, experiment);
      judged = state.judged(comparison, ours ? actionFor(state, comparison.verdict()) : REMOVE);
      events.add(event(state, "shadow test " + comparison.verdict() + ": " + comparison.summary()));
    }
    Ending ending = ours ? Ending.STOPPED_BY_THIS_TOOL : Ending.ENDED_ON_SCHEDULE;
    if (!ours) {
      events.add(event(state, "inference experiment " + experiment.name() + " reached its scheduled end before this "
          + "tool stopped it; SageMaker removed the shadow variant"));
    }
    return new Step.Running<>(judged.ended(ending).with(Stage.SETTLE), events, context.polling().minimum());
  }

  /** Waits until the endpoint is InService again: promoting or removing a shadow updates it. */
  private Step<ShadowTestState, ShadowTestReport> settle(ShadowTestState state) {
    List<OperationEvent> events = new ArrayList<>();
    ExperimentDefinition experiment = state.experiment();
    DescribeEndpointResponse endpoint;
    try {
      endpoint = sageMaker(state).describeEndpoint(r -> r.endpointName(experiment.endpointName()));
    } catch (SageMakerException e) {
      if (!SageMakerErrors.isNotFound(e)) {
        throw e;
      }
      return new Step.Failed<>(state.with(Stage.DONE), events, OperationFailure.of(Kind.FAILED, "endpoint "
          + experiment.endpointName() + " was deleted during the shadow test"));
    }
    String status = endpoint.endpointStatusAsString();
    if ("InService".equals(status) && promotes(state)) {
      events.add(event(state, "shadow removed from endpoint " + experiment.endpointName() + "; promoting model "
          + experiment.shadowModel().name() + " with safe deploy of endpoint configuration "
          + state.promotion().plan().config().name()));
      return new Step.Running<>(state.with(Stage.DEPLOY), events, context.polling().minimum());
    }
    if ("InService".equals(status)) {
      return finish(state.with(Stage.DONE), events);
    }
    if ("Failed".equals(status) || "OutOfService".equals(status) || "UpdateRollbackFailed".equals(status)) {
      return new Step.Failed<>(state.with(Stage.DONE), events, OperationFailure.of(Kind.FAILED, "endpoint "
          + experiment.endpointName() + " is " + status + " after the shadow test ended: " + endpoint.failureReason(),
          endpoint.failureReason()));
    }
    return new Step.Running<>(state, events, context.polling().unknown(context.random()));
  }

  /**
   * True when the shadow passed, this tool stopped the experiment (removing the shadow), and the
   * manifest is to be rolled out by the safe deploy planned at {@code begin}.
   */
  private static boolean promotes(ShadowTestState state) {
    return state.promotion() != null && PROMOTE.equals(state.action()) && state.comparison() != null
        && state.comparison().verdict() == Verdict.PASSED && state.ending() == Ending.STOPPED_BY_THIS_TOOL;
  }

  /** One poll of the promotion's safe deploy; its state is kept inside this one, saved after every poll. */
  private Step<ShadowTestState, ShadowTestReport> promote(ShadowTestState state) {
    Step<DeployState, DeployResult> step = deploy.poll(state.promotion());
    ShadowTestState next = state.promoted(step.state());
    List<OperationEvent> events = new ArrayList<>(step.events());
    if (step instanceof Step.Running<DeployState, DeployResult> running) {
      return new Step.Running<>(next, events, running.pollAfter());
    }
    return finish(next.with(Stage.DONE), events);
  }

  private Step<ShadowTestState, ShadowTestReport> waitForCancellation(ShadowTestState state) {
    Optional<DescribeInferenceExperimentResponse> described = describe(state, state.experiment().name());
    if (described.isEmpty()) {
      return finish(state.ended(Ending.CANCELLED_BY_THIS_TOOL).with(Stage.DONE), new ArrayList<>());
    }
    List<OperationEvent> events = new ArrayList<>();
    ShadowTestState seen = observe(state, described.get(), events);
    if (OVER.contains(described.get().statusAsString())) {
      return finish(seen.ended(Ending.CANCELLED_BY_THIS_TOOL).with(Stage.DONE), events);
    }
    // A stop refused while the experiment was still being created is asked for again.
    sendStop(seen, REMOVE, InferenceExperimentStopDesiredState.CANCELLED, REASON_MARKER + " cancelled");
    return new Step.Running<>(seen, events, context.polling().unknown(context.random()));
  }

  private Step<ShadowTestState, ShadowTestReport> vanished(ShadowTestState state) {
    return new Step.Failed<>(state.with(Stage.DONE), List.of(), OperationFailure.of(Kind.FAILED,
        "inference experiment " + state.experiment().name() + " disappeared while it was being stopped"));
  }

  /** The end of the run, from the state alone: polling a finished state again answers the same. */
  private Step<ShadowTestState, ShadowTestReport> finish(ShadowTestState state, List<OperationEvent> events) {
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
      if (ending == Ending.ENDED_ON_SCHEDULE && !REMOVE.equals(actionFor(state, verdict))) {
        return new Step.Failed<>(state, events, OperationFailure.of(Kind.TIMED_OUT, "the shadow passed ("
            + comparison.summary() + "), but inference experiment " + experiment.name() + " reached its scheduled "
            + "end before this tool could " + test.onPass().manifestName() + " it, and SageMaker removed the shadow "
            + "variant. Deploy the model with safeDeploy, or run the shadow test again with another run key"));
      }
      if (promotes(state)) {
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

  // ---------------------------------------------------------------------------------------- helpers

  /**
   * The end of a promotion, from the finished safe deploy in the state: its result, or its failure
   * (same kind: a rollback by SageMaker is {@code ROLLED_BACK}) saying that the shadow passed.
   */
  private Step<ShadowTestState, ShadowTestReport> promoted(ShadowTestState state, List<OperationEvent> events) {
    Step<DeployState, DeployResult> end = deploy.poll(state.promotion());
    if (end instanceof Step.Succeeded<DeployState, DeployResult> done) {
      return new Step.Succeeded<>(state, events, report(state, Verdict.PASSED, PROMOTE, done.result()));
    }
    OperationFailure failure = ((Step.Failed<DeployState, DeployResult>) end).failure();
    return new Step.Failed<>(state, events, new OperationFailure(failure.kind(), "the shadow passed ("
        + state.comparison().summary() + ") and was removed from the experiment, but the safe deploy that promotes "
        + "model " + state.experiment().shadowModel().name() + " did not succeed: " + failure.message(),
        failure.failureReason(), failure.alarms()));
  }

  private ShadowTestReport report(ShadowTestState state, Verdict verdict, String action, DeployResult deployment) {
    ExperimentDefinition experiment = state.experiment();
    boolean none = verdict == Verdict.ALREADY_SERVING;
    return new ShadowTestReport(experiment.endpointName(), none ? null : experiment.name(),
        none ? null : state.experimentArn(), experiment.production().variantName(), experiment.production().modelName(),
        none ? null : experiment.shadowVariantName(), experiment.shadowModel().name(), verdict, state.comparison(),
        action, state.created(), deployment);
  }

  private ShadowTestState observe(ShadowTestState state, DescribeInferenceExperimentResponse experiment,
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
        || experiment.statusReason().startsWith(REASON_MARKER) ? "" : " - " + experiment.statusReason();
    return experiment.statusAsString() + (variants.isEmpty() ? "" : " (" + variants + ")") + reason;
  }

  private Instant evaluateAt(ShadowTestState state) {
    Instant end = state.scheduleEnd() != null ? state.scheduleEnd()
        : state.experiment().endTime(state.creationTime() == null ? context.clock().instant() : state.creationTime());
    return end.minus(EVALUATION_LEAD).plus(METRICS_DELAY);
  }

  /** The comparison over the window from the schedule's start to {@link #EVALUATION_LEAD} before its end. */
  private ShadowComparison compare(ShadowTestState state, DescribeInferenceExperimentResponse experiment) {
    Instant start = state.scheduleStart() != null ? state.scheduleStart() : experiment.creationTime();
    Instant end = evaluateAt(state).minus(METRICS_DELAY);
    if (experiment.completionTime() != null && experiment.completionTime().isBefore(end)) {
      end = experiment.completionTime();
    }
    String productionVariant = experiment.shadowModeConfig().sourceModelVariantName();
    String shadowVariant = experiment.shadowModeConfig().shadowModelVariants().get(0).shadowModelVariantName();
    MetricWindow window = MetricWindow.within(start, end, context.clock().instant());
    Map<String, VariantMetrics> metrics = new ShadowMetricsReader(context.clients().cloudWatch(
        state.experiment().region())).read(state.experiment().endpointName(), List.of(productionVariant, shadowVariant),
        window);
    ShadowTestSpec test = state.experiment().test();
    return ShadowComparison.judge(window.start(), window.end(), metrics.get(productionVariant),
        metrics.get(shadowVariant), test.maxLatencyIncreasePercent(), test.maxErrorRatePercent());
  }

  private static String actionFor(ShadowTestState state, Verdict verdict) {
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
  private static String sageMakerAction(ShadowTestState state) {
    return PROMOTE.equals(state.action()) && state.promotion() != null ? REMOVE : state.action();
  }

  /**
   * Stops the experiment. Production is retained, except under SageMaker's own {@code Promote}
   * (only for a state saved before promotion went through safe deploy), which replaces production
   * with the shadow on production's instances, as SageMaker advises. An experiment that is over
   * already or no longer exists needs no stop: the next poll sees how it ended.
   */
  private void sendStop(ShadowTestState state, String shadowAction, InferenceExperimentStopDesiredState desired,
      String reason) {
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
      sageMaker(state).stopInferenceExperiment(request.build());
    } catch (SageMakerException e) {
      String code = SageMakerErrors.code(e);
      boolean settled = SageMakerErrors.isNotFound(e) || "ConflictException".equals(code) || "Conflict".equals(code);
      if (!settled) {
        throw e;
      }
    }
  }

  private Optional<DescribeInferenceExperimentResponse> describe(ShadowTestState state, String name) {
    return EarlierRun.describe(sageMaker(state), name);
  }

  private SageMakerClient sageMaker(ShadowTestState state) {
    return context.clients().sageMaker(state.experiment().region());
  }

  private OperationEvent event(ShadowTestState state, String message) {
    return new OperationEvent(context.clock().instant(), state.phase(), message);
  }
}
