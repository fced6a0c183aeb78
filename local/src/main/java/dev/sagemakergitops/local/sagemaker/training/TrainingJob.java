package dev.sagemakergitops.local.sagemaker.training;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One training job as the simulation knows it at one moment. Immutable: every state change makes a
 * new value, so a value handed out is never changed behind its holder's back.
 *
 * @param region the region it lives in
 * @param name {@code TrainingJobName}
 * @param arn {@code arn:aws:sagemaker:<region>:<account>:training-job/<name>}
 * @param request the CreateTrainingJob request as received (never modified; echoed by describe)
 * @param status {@code TrainingJobStatus}
 * @param secondaryStatus {@code SecondaryStatus}
 * @param transitions {@code SecondaryStatusTransitions}, oldest first
 * @param creationTime when it was created
 * @param lastModifiedTime the time of the last state change
 * @param trainingStartTime when the instances started (billing starts), or {@code null}
 * @param trainingEndTime when the instances stopped, or {@code null}
 * @param failureReason {@code FailureReason}, or {@code null}
 * @param modelArtifacts {@code ModelArtifacts.S3ModelArtifacts}: where the artifact is (once Completed) written
 * @param finalMetrics {@code FinalMetricDataList}, set on completion
 */
public record TrainingJob(String region, String name, String arn, ObjectNode request, String status,
    String secondaryStatus, List<Transition> transitions, Instant creationTime, Instant lastModifiedTime,
    Instant trainingStartTime, Instant trainingEndTime, String failureReason, String modelArtifacts,
    List<Metric> finalMetrics) {

  /** One {@code SecondaryStatusTransitions} entry; {@code end} is {@code null} while it is the current one. */
  public record Transition(String status, Instant start, Instant end, String message) {}

  /** One {@code FinalMetricDataList} entry. */
  public record Metric(String name, double value, Instant timestamp) {}

  public TrainingJob {
    transitions = List.copyOf(transitions);
    finalMetrics = List.copyOf(finalMetrics);
  }

  public boolean isTerminal() {
    return status.equals("Completed") || status.equals("Failed") || status.equals("Stopped");
  }

  /** This job with secondary status {@code secondary} from {@code at}: the previous transition ends there. */
  TrainingJob enter(String newStatus, String secondary, String message, Instant at) {
    List<Transition> next = new ArrayList<>(transitions);
    if (!next.isEmpty()) {
      Transition last = next.remove(next.size() - 1);
      next.add(new Transition(last.status(), last.start(), at, last.message()));
    }
    boolean terminal = newStatus.equals("Completed") || newStatus.equals("Failed") || newStatus.equals("Stopped");
    // A terminal status is a point in time: it starts and ends at once.
    next.add(new Transition(secondary, at, terminal ? at : null, message));
    return new TrainingJob(region, name, arn, request, newStatus, secondary, next, creationTime, at,
        trainingStartTime, trainingEndTime, failureReason, modelArtifacts, finalMetrics);
  }

  TrainingJob withTrainingStart(Instant at) {
    return new TrainingJob(region, name, arn, request, status, secondaryStatus, transitions, creationTime,
        lastModifiedTime, at, trainingEndTime, failureReason, modelArtifacts, finalMetrics);
  }

  TrainingJob withTrainingEnd(Instant at) {
    return new TrainingJob(region, name, arn, request, status, secondaryStatus, transitions, creationTime,
        lastModifiedTime, trainingStartTime, trainingStartTime == null ? null : at, failureReason, modelArtifacts,
        finalMetrics);
  }

  TrainingJob withFailureReason(String reason) {
    return new TrainingJob(region, name, arn, request, status, secondaryStatus, transitions, creationTime,
        lastModifiedTime, trainingStartTime, trainingEndTime, reason, modelArtifacts, finalMetrics);
  }

  TrainingJob withFinalMetrics(List<Metric> metrics) {
    return new TrainingJob(region, name, arn, request, status, secondaryStatus, transitions, creationTime,
        lastModifiedTime, trainingStartTime, trainingEndTime, failureReason, modelArtifacts, metrics);
  }
}
