package dev.sagemakergitops.core.operation.train;

import dev.sagemakergitops.core.operation.OperationState;
import java.time.Instant;
import java.util.Objects;

/**
 * Where a training run is. Plain data: the job's definition (so that a resumed run can still create
 * the job), its deterministic name, and what was last seen of it.
 *
 * @param phase {@value #PENDING} until the job was created or found, then its
 *     {@code TrainingJobStatus} ({@code InProgress}, {@code Stopping}, {@code Completed},
 *     {@code Failed}, {@code Stopped})
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
    String phase,
    String region,
    String jobName,
    TrainingJobDefinition definition,
    String jobArn,
    String secondaryStatus,
    int reportedTransitions,
    Instant launchedAt,
    boolean cancelRequested) implements OperationState {

  /** The phase before the job was created or found. */
  public static final String PENDING = "Pending";

  public TrainState {
    Objects.requireNonNull(phase, "phase");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(jobName, "jobName");
    Objects.requireNonNull(definition, "definition");
  }

  /**
   * False until the job was seen (created by this run, or found). Not named {@code isPending}: the
   * state codec would take it for a property.
   */
  public boolean hasSeenJob() {
    return !PENDING.equals(phase);
  }

  TrainState launched(String arn, Instant at) {
    return new TrainState(phase, region, jobName, definition, arn, secondaryStatus, reportedTransitions, at,
        cancelRequested);
  }

  TrainState seen(String arn, String status, String secondary, int transitions) {
    return new TrainState(status, region, jobName, definition, arn, secondary, transitions, launchedAt,
        cancelRequested);
  }

  TrainState cancelling() {
    return new TrainState(phase, region, jobName, definition, jobArn, secondaryStatus, reportedTransitions,
        launchedAt, true);
  }
}
