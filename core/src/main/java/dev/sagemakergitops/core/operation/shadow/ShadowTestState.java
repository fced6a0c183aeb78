package dev.sagemakergitops.core.operation.shadow;

import dev.sagemakergitops.core.lineage.Recordable;
import dev.sagemakergitops.core.lineage.RecordedResource;
import dev.sagemakergitops.core.operation.OperationState;
import dev.sagemakergitops.core.operation.deploy.DeployState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where a shadow test is: plain data, saved after every poll that changed it. Once the comparison is made it is
 * kept here, with the action it decided, so a run resumed after a crash stops the experiment the
 * way the first run decided, without judging again.
 *
 * @param stage the step to take next
 * @param experiment the experiment asked for (or, when the endpoint already served the model, the
 *     earlier experiment that promoted it)
 * @param experimentArn its ARN once created or found
 * @param lastStatus the status line last reported (experiment and variant statuses)
 * @param creationTime when SageMaker created the experiment
 * @param scheduleStart the schedule's start, as SageMaker set it
 * @param scheduleEnd the schedule's end
 * @param comparison the numbers and the verdict, once judged
 * @param action the {@code ModelVariantAction} for the shadow variant: {@code Promote},
 *     {@code Retain} or {@code Remove}, once decided
 * @param ending how the experiment ended, once it has
 * @param created the shadow model and experiment this run created (the others it found by name and
 *     reused), for the deployment record
 * @param promotion with {@code onPass: promote}, the safe deploy that rolls the manifest out once the
 *     shadow passed: planned (and checked) by {@code begin}, then polled in stage {@link Stage#DEPLOY};
 *     {@code null} otherwise, and in a state saved before promotion went through safe deploy
 */
public record ShadowTestState(Stage stage, ExperimentDefinition experiment, String experimentArn, String lastStatus,
    Instant creationTime, Instant scheduleStart, Instant scheduleEnd, ShadowComparison comparison, String action,
    Ending ending, List<String> created, DeployState promotion) implements OperationState, Recordable {

  public ShadowTestState {
    Objects.requireNonNull(stage, "stage");
    Objects.requireNonNull(experiment, "experiment");
    // A state saved before this field existed reads as having created nothing.
    created = created == null ? List.of() : List.copyOf(created);
  }

  /** The steps of a shadow test. */
  public enum Stage {
    /** Make sure the shadow model exists, then create the experiment or attach to it. */
    CREATE,
    /** The endpoint already serves the model: look for the experiment that promoted it. */
    LOOK_UP,
    /** The experiment runs; describe it until it is time to judge. */
    WAIT,
    /** Judged: stop the experiment with the decided action. */
    STOP,
    /** Stop asked for: wait for Completed or Cancelled. */
    STOPPING,
    /** The experiment is over: wait for the endpoint to be InService again. */
    SETTLE,
    /** Cancelled by this tool: wait for the experiment to end. */
    CANCELLING,
    /** Passed with {@code onPass: promote}, shadow removed: the safe deploy of the manifest runs. */
    DEPLOY,
    /** Finished; polling again gives the same answer. */
    DONE
  }

  /** How the experiment ended. */
  public enum Ending {
    /** This tool stopped it with the action it decided. */
    STOPPED_BY_THIS_TOOL,
    /** It reached its scheduled end first, and SageMaker removed the shadow variant. */
    ENDED_ON_SCHEDULE,
    /** Someone else cancelled it. */
    CANCELLED_ELSEWHERE,
    /** This tool cancelled it ({@code cancel}). */
    CANCELLED_BY_THIS_TOOL,
    /** Never started: the endpoint already served the model. */
    NOT_NEEDED
  }

  @Override
  public String phase() {
    return stage.name();
  }

  /** What a shadow test that did not succeed leaves in its record: the names and where it stopped. */
  @Override
  public Map<String, Object> recordSummary() {
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("endpointName", experiment.endpointName());
    summary.put("experimentName", experiment.name());
    summary.put("shadowModel", experiment.shadowModel().name());
    if (comparison != null) {
      summary.put("verdict", comparison.verdict().name());
    }
    summary.put("stage", stage.name());
    return summary;
  }

  /**
   * The shadow model and the experiment as far as this run got to them: what it created, and once
   * it has an experiment the model and experiment it reused.
   */
  @Override
  public List<RecordedResource> recordResources() {
    boolean started = experimentArn != null;
    return ShadowTestReport.resources(experiment.shadowModel().name(), started, started ? experiment.name() : null,
        experimentArn, created, stage == Stage.DEPLOY || stage == Stage.DONE ? promotion : null);
  }

  ShadowTestState with(Stage newStage) {
    return new ShadowTestState(newStage, experiment, experimentArn, lastStatus, creationTime, scheduleStart,
        scheduleEnd, comparison, action, ending, created, promotion);
  }

  ShadowTestState withExperiment(ExperimentDefinition newExperiment) {
    return new ShadowTestState(stage, newExperiment, experimentArn, lastStatus, creationTime, scheduleStart,
        scheduleEnd, comparison, action, ending, created, promotion);
  }

  ShadowTestState observed(String arn, String status, Instant createdAt, Instant start, Instant end) {
    return new ShadowTestState(stage, experiment, arn, status, createdAt, start, end, comparison, action, ending,
        created, promotion);
  }

  ShadowTestState judged(ShadowComparison newComparison, String newAction) {
    return new ShadowTestState(stage, experiment, experimentArn, lastStatus, creationTime, scheduleStart, scheduleEnd,
        newComparison, newAction, ending, created, promotion);
  }

  ShadowTestState ended(Ending newEnding) {
    return new ShadowTestState(stage, experiment, experimentArn, lastStatus, creationTime, scheduleStart, scheduleEnd,
        comparison, action, newEnding, created, promotion);
  }

  /** This state with {@code name} among what the run created. */
  ShadowTestState createdToo(String name) {
    List<String> more = new ArrayList<>(created);
    more.add(name);
    return new ShadowTestState(stage, experiment, experimentArn, lastStatus, creationTime, scheduleStart, scheduleEnd,
        comparison, action, ending, more, promotion);
  }

  /** This state with the safe deploy of the promotion moved on to {@code deploy}. */
  ShadowTestState promoted(DeployState deploy) {
    return new ShadowTestState(stage, experiment, experimentArn, lastStatus, creationTime, scheduleStart, scheduleEnd,
        comparison, action, ending, created, deploy);
  }
}
