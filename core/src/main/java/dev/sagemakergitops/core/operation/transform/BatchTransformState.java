package dev.sagemakergitops.core.operation.transform;

import dev.sagemakergitops.core.operation.OperationState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Where a batch transform run is: plain data, saved after every poll that changed it.
 *
 * @param stage the step to take next
 * @param job the job asked for (name, model, settings, tags)
 * @param jobArn the job's ARN once created or found, else {@code null}
 * @param lastStatus the {@code TransformJobStatus} last reported, so each change is reported once
 * @param launchedAt when the job was created (from SageMaker), for the first poll's timing
 * @param created the model and job this run created (the others it found by name and reused), for
 *     the deployment record
 */
public record BatchTransformState(Stage stage, TransformJobDefinition job, String jobArn, String lastStatus,
    Instant launchedAt, List<String> created) implements OperationState {

  public BatchTransformState {
    Objects.requireNonNull(stage, "stage");
    Objects.requireNonNull(job, "job");
    // A state saved before this field existed reads as having created nothing.
    created = created == null ? List.of() : List.copyOf(created);
  }

  /** The steps of a run. */
  public enum Stage {
    /** Make sure the model exists, then create the job or attach to the one of that name. */
    CREATE,
    /** The job runs; describe it until it ends. */
    WAIT,
    /** A stop was asked for; describe the job until it ends. */
    CANCELLING,
    /** Ended: Completed. */
    COMPLETED,
    /** Ended: Failed. */
    FAILED,
    /** Ended: Stopped (or cancelled before it was created). */
    STOPPED;

    /** True once the run ended: nothing in SageMaker is left to stop. */
    boolean isFinal() {
      return this == COMPLETED || this == FAILED || this == STOPPED;
    }
  }

  @Override
  public String phase() {
    return stage.name();
  }

  BatchTransformState with(Stage newStage) {
    return new BatchTransformState(newStage, job, jobArn, lastStatus, launchedAt, created);
  }

  BatchTransformState observed(String arn, String status, Instant launched) {
    return new BatchTransformState(stage, job, arn, status, launched, created);
  }

  /** This state with {@code name} among what the run created. */
  BatchTransformState createdToo(String name) {
    List<String> more = new ArrayList<>(created);
    more.add(name);
    return new BatchTransformState(stage, job, jobArn, lastStatus, launchedAt, more);
  }
}
