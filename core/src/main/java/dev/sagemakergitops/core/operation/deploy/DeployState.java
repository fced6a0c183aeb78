package dev.sagemakergitops.core.operation.deploy;

import dev.sagemakergitops.core.lineage.Recordable;
import dev.sagemakergitops.core.lineage.RecordedResource;
import dev.sagemakergitops.core.operation.OperationFailure;
import dev.sagemakergitops.core.operation.OperationState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A safe deploy in progress: the plan, the stage reached, and what was observed on the way. Plain
 * data, written as JSON after every poll; see {@code docs/operations.md} for each field.
 *
 * @param stage where the deploy is
 * @param plan what it does
 * @param startedAt when {@code begin} ran
 * @param change {@code CREATED}, {@code UPDATED} or {@code UNCHANGED}, once decided; else {@code null}
 * @param endpointArn the endpoint's ARN, once known
 * @param previousConfig the configuration the endpoint served before the update, or {@code null}
 * @param requestedAt when CreateEndpoint or UpdateEndpoint was sent (or found in progress), on the
 *     local clock
 * @param lastModifiedBefore the endpoint's {@code LastModifiedTime} (AWS's clock) just before
 *     UpdateEndpoint was sent, so that a description that does not show the update yet is told by
 *     comparing two AWS times, never an AWS time with the local clock; {@code null} otherwise
 * @param deadline after this the deploy is TIMED_OUT
 * @param conflictSince when another deployment of the endpoint was first seen, or {@code null}
 * @param observed the last progress reported (so each change is reported once)
 * @param observedAt when that progress was first seen, on the local clock: waits (a bake's end, a
 *     launch) are measured from there, with the lengths SageMaker states
 * @param trafficStep the traffic steps seen baking so far
 * @param alarmsSeen rollback alarms seen in ALARM
 * @param describeAt while a bake is watched by rollback alarms: when the endpoint is next due to be
 *     described; polls before it only look at the alarms. Null otherwise
 * @param alarmsUpdatedAt the latest {@code StateUpdatedTimestamp} of the rollback alarms at the last
 *     look, so that a look can tell an alarm that moved in between; null before the first look
 * @param deregistered variants deregistered from autoscaling before an instance-type change
 * @param captured those variants' autoscaling as it was before (capacities, policies, scheduled
 *     actions), written before anything is deregistered, so any outcome can put it back
 * @param restoreSince when the deploy ended and began to wait for the endpoint to accept the
 *     registration again (stage RESTORING), or null
 * @param autoscalingRetries how many polls in a row met Application Auto Scaling's eventual
 *     consistency right after a registration
 * @param deleted what the clean-up deleted
 * @param failure why it failed, once it has
 * @param cancelRequested cancel was called: stop waiting
 * @param created the model and endpoint configuration this run created (the others of the plan it
 *     found by name and reused), for the deployment record
 */
public record DeployState(Stage stage, DeployPlan plan, Instant startedAt, String change, String endpointArn,
    String previousConfig, Instant requestedAt, Instant lastModifiedBefore, Instant deadline, Instant conflictSince,
    String observed, Instant observedAt, int trafficStep, List<String> alarmsSeen, Instant describeAt, Instant alarmsUpdatedAt, List<String> deregistered,
    List<String> deleted, OperationFailure failure, boolean cancelRequested, List<String> created,
    List<CapturedAutoscaling> captured, Instant restoreSince, int autoscalingRetries)
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

  public DeployState {
    Objects.requireNonNull(stage, "stage");
    Objects.requireNonNull(plan, "plan");
    alarmsSeen = List.copyOf(alarmsSeen);
    deregistered = List.copyOf(deregistered);
    deleted = List.copyOf(deleted);
    // A state saved before this field existed reads as having created nothing.
    created = created == null ? List.of() : List.copyOf(created);
    // State written before captured existed has none.
    captured = captured == null ? List.of() : List.copyOf(captured);
  }

  static DeployState start(DeployPlan plan, Instant now) {
    return new DeployState(Stage.MODEL, plan, now, null, null, null, null, null, null, null, null, null, 0, List.of(), null, null,
        List.of(), List.of(), null, false, List.of(), List.of(), null, 0);
  }

  /** What a deploy that did not succeed leaves in its record: the plan's names and where it stopped. */
  @Override
  public Map<String, Object> recordSummary() {
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("endpointName", plan.endpointName());
    summary.put("requestedConfig", plan.config().name());
    summary.put("modelName", plan.model().name());
    if (previousConfig != null) {
      summary.put("previousConfig", previousConfig);
    }
    summary.put("stage", stage.name());
    return summary;
  }

  /** The model, configuration and endpoint as far as this run got to them. */
  @Override
  public List<RecordedResource> recordResources() {
    return DeployResult.resources(plan.model().name(), plan.config().name(), plan.endpointName(), endpointArn, change,
        created);
  }

  @Override
  public String phase() {
    return stage.name();
  }

  /** A copy changed by {@code edit}. */
  DeployState with(Consumer<Draft> edit) {
    Draft d = new Draft(this);
    edit.accept(d);
    return new DeployState(d.stage, plan, startedAt, d.change, d.endpointArn, d.previousConfig, d.requestedAt,
        d.lastModifiedBefore, d.deadline, d.conflictSince, d.observed, d.observedAt, d.trafficStep, d.alarmsSeen, d.describeAt, d.alarmsUpdatedAt,
        d.deregistered, d.deleted, d.failure, d.cancelRequested, d.created, d.captured, d.restoreSince, d.autoscalingRetries);
  }

  /** The mutable copy {@link #with} edits. */
  static final class Draft {
    Stage stage;
    String change;
    String endpointArn;
    String previousConfig;
    Instant requestedAt;
    Instant lastModifiedBefore;
    Instant deadline;
    Instant conflictSince;
    String observed;
    Instant observedAt;
    int trafficStep;
    List<String> alarmsSeen;
    Instant describeAt;
    Instant alarmsUpdatedAt;
    List<String> deregistered;
    List<String> deleted;
    OperationFailure failure;
    boolean cancelRequested;
    List<String> created;
    List<CapturedAutoscaling> captured;
    Instant restoreSince;
    int autoscalingRetries;

    private Draft(DeployState s) {
      stage = s.stage;
      change = s.change;
      endpointArn = s.endpointArn;
      previousConfig = s.previousConfig;
      requestedAt = s.requestedAt;
      lastModifiedBefore = s.lastModifiedBefore;
      deadline = s.deadline;
      conflictSince = s.conflictSince;
      observed = s.observed;
      observedAt = s.observedAt;
      trafficStep = s.trafficStep;
      alarmsSeen = new ArrayList<>(s.alarmsSeen);
      describeAt = s.describeAt;
      alarmsUpdatedAt = s.alarmsUpdatedAt;
      deregistered = new ArrayList<>(s.deregistered);
      deleted = new ArrayList<>(s.deleted);
      failure = s.failure;
      cancelRequested = s.cancelRequested;
      created = new ArrayList<>(s.created);
      captured = new ArrayList<>(s.captured);
      restoreSince = s.restoreSince;
      autoscalingRetries = s.autoscalingRetries;
    }

    void sawAlarms(List<String> alarms) {
      for (String alarm : alarms) {
        if (!alarmsSeen.contains(alarm)) {
          alarmsSeen.add(alarm);
        }
      }
    }
  }
}
