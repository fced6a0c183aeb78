package dev.sagemakergitops.core.operation.deploy;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.sagemakergitops.core.lineage.Lineage;
import dev.sagemakergitops.core.lineage.Recordable;
import dev.sagemakergitops.core.lineage.RecordedResource;
import dev.sagemakergitops.core.lineage.VariantLineage;
import dev.sagemakergitops.core.operation.OperationFailure;
import dev.sagemakergitops.core.operation.OperationState;
import dev.sagemakergitops.core.operation.PlainValues;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A safe deploy in progress: the plan, the stage reached, and what was observed on the way, in
 * groups that change together. Plain data, written as JSON after every poll that changed it, in the flat shape of
 * {@link DeployStateFile} (so a state saved by an earlier version resumes); see
 * {@code docs/operations.md} for each field.
 *
 * @param stage where the deploy is
 * @param plan what it does
 * @param startedAt when {@code begin} ran
 * @param request what this run asked of the endpoint, and when
 * @param progress what was last seen of the endpoint while waiting
 * @param alarms what the rollback alarms showed
 * @param autoscaling the autoscaling put aside for an instance-type change
 * @param outcome what the run created, deleted, and how it ended
 * @param smokeTest the smoke-test requests answered so far, and the rollback a failure asked for
 */
public record DeployState(Stage stage, DeployPlan plan, Instant startedAt, EndpointRequest request,
    Progress progress, AlarmWatch alarms, AutoscalingPutAside autoscaling, Outcome outcome, SmokeTestRun smokeTest)
    implements OperationState, Recordable {

  /** The stages, in order; the last three are final (RESTORING leads to FAILED or CANCELLED). */
  public enum Stage {
    /** Create the model unless it exists. */
    MODEL,
    /** Create the endpoint configuration unless it exists. */
    CONFIG,
    /** Create or update the endpoint, attach to our own deployment in progress, or wait for another. */
    ENDPOINT,
    /** Wait for the deployment, then verify. */
    DEPLOYING,
    /** Wait for weights and instance counts changed in place (UpdateEndpointWeightsAndCapacities), then verify. */
    WEIGHTS,
    /** Send the manifest's smoke-test requests, one per poll ({@link SmokeTestStage}). */
    SMOKE_TEST,
    /**
     * A smoke test failed after an update: wait for the endpoint to serve the configuration it
     * replaced again ({@link SmokeTestRollbackStage}), then report the failure.
     */
    SMOKE_TEST_ROLLBACK,
    /** Register autoscaling as the manifest says. */
    AUTOSCALING,
    /** Write the endpoint's lineage tags. */
    TAGS,
    /** The opt-in clean-up. */
    CLEAN_UP,
    /**
     * The deploy failed or was cancelled after it deregistered autoscaling: wait for the endpoint to
     * accept the registration again, put it back as it was, then report {@code failure}.
     */
    RESTORING,
    SUCCEEDED,
    FAILED,
    CANCELLED
  }

  /**
   * What this run asked of the endpoint.
   *
   * @param change what it did to the endpoint, once decided; else {@code null}
   * @param endpointArn the endpoint's ARN, once known
   * @param previousConfig the configuration the endpoint served before the update, or {@code null}
   * @param requestedAt when CreateEndpoint or UpdateEndpoint was sent (or found in progress), on the
   *     local clock
   * @param lastModifiedBefore the endpoint's {@code LastModifiedTime} (AWS's clock) just before
   *     UpdateEndpoint was sent, so that a description that does not show the update yet is told by
   *     comparing two AWS times, never an AWS time with the local clock; {@code null} otherwise
   * @param deadline after this the deploy is TIMED_OUT
   */
  public record EndpointRequest(EndpointChange change, String endpointArn, String previousConfig,
      Instant requestedAt, Instant lastModifiedBefore, Instant deadline) {}

  /**
   * What was last seen of the endpoint while waiting.
   *
   * @param conflictSince when another deployment of the endpoint was first seen, or {@code null}
   * @param observed the last progress reported (so each change is reported once)
   * @param observedAt when that progress was first seen, on the local clock: waits (a bake's end, a
   *     launch) are measured from there, with the lengths SageMaker states
   * @param trafficStep the traffic steps seen baking so far
   */
  public record Progress(Instant conflictSince, String observed, Instant observedAt, int trafficStep) {}

  /**
   * What the rollback alarms showed.
   *
   * @param seen rollback alarms seen in ALARM
   * @param updatedAt the latest {@code StateUpdatedTimestamp} of the alarms at the last look, so that
   *     a look can tell an alarm that moved in between; null before the first look
   * @param describeAt while a bake is watched by the alarms: when the endpoint is next due to be
   *     described; polls before it only look at the alarms. Null otherwise
   */
  public record AlarmWatch(List<String> seen, Instant updatedAt, Instant describeAt) {
    public AlarmWatch {
      seen = List.copyOf(seen);
    }
  }

  /**
   * The autoscaling put aside for an instance-type change, and its return.
   *
   * @param captured the variants' autoscaling as it was before (capacities, policies, scheduled
   *     actions), written before anything is deregistered, so any outcome can put it back
   * @param deregistered variants deregistered from autoscaling before an instance-type change
   * @param restoreSince when the deploy ended and began to wait for the endpoint to accept the
   *     registration again (stage RESTORING), or null
   * @param retries how many polls in a row met Application Auto Scaling's eventual consistency
   *     right after a registration
   */
  public record AutoscalingPutAside(List<CapturedAutoscaling> captured, List<String> deregistered,
      Instant restoreSince, int retries) {
    public AutoscalingPutAside {
      captured = List.copyOf(captured);
      deregistered = List.copyOf(deregistered);
    }
  }

  /**
   * What the run created and deleted, and how it ended.
   *
   * @param created the model and endpoint configuration this run created (the others of the plan it
   *     found by name and reused), for the deployment record
   * @param deleted what the clean-up deleted
   * @param failure why it failed, once it has
   * @param cancelRequested cancel was called: stop waiting
   */
  public record Outcome(List<String> created, List<String> deleted, OperationFailure failure,
      boolean cancelRequested) {
    public Outcome {
      created = List.copyOf(created);
      deleted = List.copyOf(deleted);
    }
  }

  /**
   * The smoke test's progress.
   *
   * @param results the requests answered so far, in the plan's order
   * @param rollbackRequestedAt when a failed smoke test sent the endpoint back to the configuration
   *     it replaced (on the local clock), or {@code null}
   */
  public record SmokeTestRun(List<SmokeTestResult> results, Instant rollbackRequestedAt) {
    public SmokeTestRun {
      results = results == null ? List.of() : List.copyOf(results);
    }

    static SmokeTestRun none() {
      return new SmokeTestRun(List.of(), null);
    }
  }

  /** A state without smoke-test progress. */
  public DeployState(Stage stage, DeployPlan plan, Instant startedAt, EndpointRequest request, Progress progress,
      AlarmWatch alarms, AutoscalingPutAside autoscaling, Outcome outcome) {
    this(stage, plan, startedAt, request, progress, alarms, autoscaling, outcome, SmokeTestRun.none());
  }

  public DeployState {
    Objects.requireNonNull(stage, "stage");
    Objects.requireNonNull(plan, "plan");
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(progress, "progress");
    Objects.requireNonNull(alarms, "alarms");
    Objects.requireNonNull(autoscaling, "autoscaling");
    Objects.requireNonNull(outcome, "outcome");
    smokeTest = smokeTest == null ? SmokeTestRun.none() : smokeTest;
  }

  static DeployState start(DeployPlan plan, Instant now) {
    return new DeployState(Stage.MODEL, plan, now, new EndpointRequest(null, null, null, null, null, null),
        new Progress(null, null, null, 0), new AlarmWatch(List.of(), null, null),
        new AutoscalingPutAside(List.of(), List.of(), null, 0), new Outcome(List.of(), List.of(), null, false));
  }

  /** The state as it is saved: flat, with the field names every version has written. */
  @JsonValue
  DeployStateFile toFile() {
    return DeployStateFile.of(this);
  }

  /** A saved state, as this or an earlier version wrote it. */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  static DeployState fromFile(DeployStateFile file) {
    return file.toState();
  }

  /** What a deploy that did not succeed leaves in its record: the plan's names and where it stopped. */
  @Override
  public Map<String, Object> recordSummary() {
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("endpointName", plan.endpointName());
    summary.put("requestedConfig", plan.config().name());
    summary.put("modelName", plan.model().name());
    if (request.previousConfig() != null) {
      summary.put("previousConfig", request.previousConfig());
    }
    summary.put("stage", stage.name());
    if (!smokeTest.results().isEmpty()) {
      summary.put("smokeTests", PlainValues.of(smokeTest.results()));
    }
    return summary;
  }

  /** The models, configuration and endpoint as far as this run got to them. */
  @Override
  public List<RecordedResource> recordResources() {
    return DeployResult.withVariantModels(DeployResult.resources(plan.model().name(), plan.config().name(),
        plan.endpointName(), request.endpointArn(), request.change(), outcome.created()),
        plan.variantModels().stream().map(m -> m.name()).toList(), outcome.created(), request.change() != null);
  }

  /**
   * What the plan's model serves: its model package version, its artifact and the training job
   * that made it, for the record's lineage graph. Only these: the rest of the model's lineage is
   * the manifest's, which the record already has.
   */
  @Override
  public Optional<Lineage> recordLineage() {
    String trainingJob = plan.model().lineage() == null ? null : plan.model().lineage().trainingJob();
    if (plan.model().modelPackageArn() == null && plan.model().modelDataUrl() == null && trainingJob == null) {
      return Optional.empty();
    }
    return Optional.of(new Lineage(null, null, null, null, null, null, null, plan.model().modelDataUrl(), trainingJob,
        plan.model().modelPackageArn(), null));
  }

  @Override
  public List<VariantLineage> recordVariants() {
    return plan.variantLineage();
  }

  @Override
  public String phase() {
    return stage.name();
  }

  // Shortcuts to the fields most often asked for.

  public Instant requestedAt() {
    return request.requestedAt();
  }

  public Instant deadline() {
    return request.deadline();
  }

  public String observed() {
    return progress.observed();
  }

  public int trafficStep() {
    return progress.trafficStep();
  }

  public List<String> alarmsSeen() {
    return alarms.seen();
  }

  public OperationFailure failure() {
    return outcome.failure();
  }

  /** A copy changed by {@code edit}. */
  DeployState with(Consumer<DeployDraft> edit) {
    DeployDraft d = new DeployDraft(this);
    edit.accept(d);
    return d.build();
  }
}
