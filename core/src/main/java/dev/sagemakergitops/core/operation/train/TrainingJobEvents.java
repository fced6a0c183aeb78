package dev.sagemakergitops.core.operation.train;

import dev.sagemakergitops.core.operation.OperationEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.sagemaker.model.DescribeTrainingJobResponse;
import software.amazon.awssdk.services.sagemaker.model.SecondaryStatusTransition;

/**
 * The status changes one {@code DescribeTrainingJob} answer shows that the state has not reported
 * yet.
 *
 * <p>Why {@code SecondaryStatusTransitions} and not {@code SecondaryStatus}: polls are seconds to
 * minutes apart, and a job can pass through several secondary statuses in between (a failure while
 * downloading goes Downloading, Failed within one interval). The transitions list keeps every step
 * with its start time and SageMaker's message, so counting how many entries were reported is enough
 * to report each step exactly once. Services that answer no transitions (moto) are followed through
 * {@code SecondaryStatus} alone.
 */
final class TrainingJobEvents {

  /**
   * @param events the new changes, oldest first
   * @param reportedTransitions the transitions count to keep in the state
   */
  record Observation(List<OperationEvent> events, int reportedTransitions) {}

  private TrainingJobEvents() {}

  static Observation observe(TrainState state, DescribeTrainingJobResponse job, Instant now) {
    String status = job.trainingJobStatusAsString();
    List<OperationEvent> events = new ArrayList<>();
    TrainState.Stage stage = TrainState.Stage.of(job.trainingJobStatus());
    boolean statusChanged = status != null && !(state.hasSeenJob() && state.stage() == stage);
    if (statusChanged && stage == TrainState.Stage.IN_PROGRESS) {
      // The job's own status comes first: every secondary status happens inside InProgress.
      events.add(new OperationEvent(job.creationTime() != null ? job.creationTime() : now, status,
          "training job " + job.trainingJobName() + " is " + status));
    }
    List<SecondaryStatusTransition> transitions = job.hasSecondaryStatusTransitions()
        ? job.secondaryStatusTransitions() : List.of();
    int reported = Math.min(state.reportedTransitions(), transitions.size());
    for (SecondaryStatusTransition transition : transitions.subList(reported, transitions.size())) {
      String message = transition.statusMessage() == null || transition.statusMessage().isBlank()
          ? transition.statusAsString()
          : transition.statusAsString() + ": " + transition.statusMessage();
      events.add(new OperationEvent(transition.startTime() != null ? transition.startTime() : now, status, message));
    }
    if (transitions.isEmpty() && job.secondaryStatusAsString() != null
        && !job.secondaryStatusAsString().equals(state.secondaryStatus())) {
      events.add(new OperationEvent(now, status, job.secondaryStatusAsString()));
    }
    if (statusChanged && stage != TrainState.Stage.IN_PROGRESS) {
      String message = "training job " + job.trainingJobName() + " is " + status;
      if (job.failureReason() != null && !job.failureReason().isBlank()) {
        message += ": " + job.failureReason();
      }
      Instant at = job.trainingEndTime() != null ? job.trainingEndTime()
          : job.lastModifiedTime() != null ? job.lastModifiedTime() : now;
      events.add(new OperationEvent(at, status, message));
    }
    return new Observation(events, Math.max(transitions.size(), state.reportedTransitions()));
  }
}
