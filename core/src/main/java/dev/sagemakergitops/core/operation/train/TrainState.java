package dev.sagemakergitops.core.operation.train;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.sagemakergitops.core.operation.OperationState;
import java.time.Instant;
import java.util.Objects;
import software.amazon.awssdk.services.sagemaker.model.TrainingJobStatus;

/**
 * Where a training run is. Plain data: the job's definition (so that a resumed run can still create
 * the job), its deterministic name, and what was last seen of it.
 *
 * @param stage {@link Stage#PENDING} until the job was created or found, then its
 *     {@code TrainingJobStatus}; saved as {@code "phase"} with SageMaker's word ({@code "Pending"},
 *     {@code "InProgress"}, ...), as states were saved before it was an enum
 * @param region the region the job runs in
 * @param jobName the training job's name, derived from {@code definition}
 * @param definition what the job is created with
 * @param jobArn the job's ARN once known, else {@code null}
 * @param secondaryStatus the {@code SecondaryStatus} last reported, or {@code null}
 * @param reportedTransitions how many {@code SecondaryStatusTransitions} entries were already
 *     reported, so that the next poll reports only the new ones
 * @param launchedAt when this run created the job, or {@code null} when it found it
 * @param cancelRequested true once {@code cancel} asked SageMaker to stop the job
 */
public record TrainState(
    @JsonProperty("phase") Stage stage,
    String region,
    String jobName,
    TrainingJobDefinition definition,
    String jobArn,
    String secondaryStatus,
    int reportedTransitions,
    Instant launchedAt,
    boolean cancelRequested) implements OperationState {

  /**
   * Where the run is: before the job, then the job's {@code TrainingJobStatus}. Each is saved as its
   * word, which is SageMaker's for the job's statuses.
   */
  public enum Stage {
    /** The job was neither created nor found yet. */
    PENDING("Pending"),
    IN_PROGRESS("InProgress"),
    STOPPING("Stopping"),
    COMPLETED("Completed"),
    FAILED("Failed"),
    STOPPED("Stopped"),
    DELETING("Deleting");

    private final String word;

    Stage(String word) {
      this.word = word;
    }

    /** The word saved in the state (Jackson also reads the stage back by it) and shown in progress lines. */
    @JsonValue
    public String word() {
      return word;
    }

    /**
     * The stage of a job in {@code status}. A status newer than this SDK ({@code UNKNOWN_TO_SDK_VERSION})
     * or none is followed as running, as the job has not told us it ended.
     */
    static Stage of(TrainingJobStatus status) {
      if (status == null) {
        return IN_PROGRESS;
      }
      return switch (status) {
        case COMPLETED -> COMPLETED;
        case FAILED -> FAILED;
        case STOPPING -> STOPPING;
        case STOPPED -> STOPPED;
        case DELETING -> DELETING;
        default -> IN_PROGRESS;
      };
    }

    /** True once the job ended: SageMaker changes it no more. */
    boolean isFinal() {
      return this == COMPLETED || this == FAILED || this == STOPPED;
    }
  }

  public TrainState {
    Objects.requireNonNull(stage, "stage");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(jobName, "jobName");
    Objects.requireNonNull(definition, "definition");
  }

  /**
   * False until the job was seen (created by this run, or found). Not named {@code isPending}: the
   * state codec would take it for a property.
   */
  public boolean hasSeenJob() {
    return stage != Stage.PENDING;
  }

  @Override
  public String phase() {
    return stage.word();
  }

  TrainState launched(String arn, Instant at) {
    return new TrainState(stage, region, jobName, definition, arn, secondaryStatus, reportedTransitions, at,
        cancelRequested);
  }

  TrainState seen(String arn, Stage status, String secondary, int transitions) {
    return new TrainState(status, region, jobName, definition, arn, secondary, transitions, launchedAt,
        cancelRequested);
  }

  TrainState cancelling() {
    return new TrainState(stage, region, jobName, definition, jobArn, secondaryStatus, reportedTransitions,
        launchedAt, true);
  }
}
