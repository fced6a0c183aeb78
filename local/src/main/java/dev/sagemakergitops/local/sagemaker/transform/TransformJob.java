package dev.sagemakergitops.local.sagemaker.transform;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * One batch transform job at one moment. Immutable; a state change stores a new value.
 *
 * @param region the region it lives in
 * @param name {@code TransformJobName}
 * @param arn {@code arn:aws:sagemaker:<region>:<account>:transform-job/<name>}
 * @param request the CreateTransformJob request as received (echoed by describe, never modified)
 * @param status {@code TransformJobStatus}
 * @param creationTime when it was created
 * @param lastModifiedTime the last state change
 * @param startTime {@code TransformStartTime} (the instances are up), or {@code null}
 * @param endTime {@code TransformEndTime}, or {@code null}
 * @param failureReason {@code FailureReason}, or {@code null}
 */
public record TransformJob(String region, String name, String arn, ObjectNode request, String status,
    Instant creationTime, Instant lastModifiedTime, Instant startTime, Instant endTime, String failureReason) {

  public boolean isTerminal() {
    return status.equals("Completed") || status.equals("Failed") || status.equals("Stopped");
  }

  TransformJob withStatus(String newStatus, Instant at) {
    return new TransformJob(region, name, arn, request, newStatus, creationTime, at, startTime, endTime, failureReason);
  }

  TransformJob started(Instant at) {
    return new TransformJob(region, name, arn, request, status, creationTime, at, at, endTime, failureReason);
  }

  TransformJob ended(String newStatus, Instant at, String reason) {
    return new TransformJob(region, name, arn, request, newStatus, creationTime, at, startTime, at, reason);
  }
}
