package dev.sagemakergitops.core.operation.transform;

import dev.sagemakergitops.core.operation.OperationState;
import java.time.Instant;
import java.util.Objects;

/**
 * Where a batch transform run is: plain data, saved after every poll.
 *
 * @param stage the step to take next
 * @param job the job asked for (name, model, settings, tags)
 * @param jobArn the job's ARN once created or found, else {@code null}
 * @param lastStatus the {@code TransformJobStatus} last reported, so each change is reported once
 * @param launchedAt when the job was created (from SageMaker), for the first poll's timing
 */
public record BatchTransformState(Stage stage, TransformJobDefinition job, String jobArn, String lastStatus,
    Instant launchedAt) implements OperationState {

  public BatchTransformState {
    Objects.requireNonNull(stage, "stage");
    Objects.requireNonNull(job, "job");
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
    STOPPED
  }

  @Override
  public String phase() {
    return stage.name();
  }

  BatchTransformState with(Stage newStage) {
    return new BatchTransformState(newStage, job, jobArn, lastStatus, launchedAt);
  }

  BatchTransformState observed(String arn, String status, Instant created) {
    return new BatchTransformState(stage, job, arn, status, created);
  }
}
