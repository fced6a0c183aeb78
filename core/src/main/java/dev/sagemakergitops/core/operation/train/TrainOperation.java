package dev.sagemakergitops.core.operation.train;

import dev.sagemakergitops.core.aws.SageMakerTrainingJobs;
import dev.sagemakergitops.core.operation.Operation;
import dev.sagemakergitops.core.operation.OperationContext;
import dev.sagemakergitops.core.operation.OperationEvent;
import dev.sagemakergitops.core.operation.OperationFailure;
import dev.sagemakergitops.core.operation.OperationInputException;
import dev.sagemakergitops.core.operation.ResolvedManifest;
import dev.sagemakergitops.core.operation.Step;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.sagemaker.model.DescribeTrainingJobResponse;
import software.amazon.awssdk.services.sagemaker.model.MetricData;

/**
 * {@code sagemakerTrain}: trains the model a manifest's {@code spec.training} describes, with the
 * training image pinned by digest, and returns the model artifact.
 *
 * <p>The job's name is derived from the resolved training spec ({@link TrainingJobDefinition}), so
 * every poll first asks SageMaker for a job of that name:
 *
 * <ul>
 *   <li>none: {@code CreateTrainingJob} with lineage tags. A create answered {@code ResourceInUse}
 *       means an earlier attempt created it (the process died before saving), so the run attaches;
 *   <li>{@code Completed}: the result at once, no new job (a re-run, or the same spec at a later
 *       commit);
 *   <li>{@code InProgress} or {@code Stopping}: followed, every status and secondary status change
 *       reported;
 *   <li>{@code Failed} or {@code Stopped}: the run fails with SageMaker's {@code FailureReason}.
 *       Running again attaches to the same job and fails the same way: change the spec to retry.
 * </ul>
 *
 * <p>The first poll after a create waits {@link dev.sagemakergitops.core.operation.PollingPolicy#afterLaunch}
 * (instances take minutes to start), later polls {@code unknown}: a training job publishes no
 * schedule. Throttling and other transient failures are the runner's concern.
 */
public final class TrainOperation implements Operation<TrainRequest, TrainState, TrainResult> {
  private final OperationContext context;

  public TrainOperation(OperationContext context) {
    this.context = Objects.requireNonNull(context, "context");
  }

  @Override
  public String name() {
    return "sagemakerTrain";
  }

  @Override
  public Class<TrainState> stateType() {
    return TrainState.class;
  }

  /**
   * Resolves the job's definition and name. Makes no AWS call.
   *
   * @throws OperationInputException when the manifest has no {@code spec.training}
   */
  @Override
  public TrainState begin(TrainRequest request) {
    ResolvedManifest manifest = request.manifest();
    if (manifest.manifest().spec().training() == null) {
      throw new OperationInputException(manifest.problemAt("spec",
          "this manifest has no 'training' section, so there is nothing to train; add spec.training "
              + "(roleArn, instanceType, outputS3Uri, inputs) or run registerModel with an existing artifact"));
    }
    if (request.runKey() != null && request.runKey().isBlank()) {
      throw new OperationInputException(manifest.problemAt("spec.training", "the run key is blank; give some text "
          + "(a build number, a date) to train this spec again, or none to reuse its finished job"));
    }
    TrainingJobDefinition definition = TrainingJobDefinition.of(manifest, context.build(), request.runKey());
    return new TrainState(TrainState.Stage.PENDING, context.regionOf(manifest), definition.jobName(), definition, null,
        null, 0, null, false);
  }

  @Override
  public Step<TrainState, TrainResult> poll(TrainState state) {
    Optional<DescribeTrainingJobResponse> job = describe(state);
    if (job.isPresent()) {
      return follow(state, job.get());
    }
    if (state.jobArn() != null) {
      return new Step.Failed<>(state, List.of(), OperationFailure.of(OperationFailure.Kind.FAILED,
          "training job " + state.jobName() + " was created, but SageMaker no longer finds it (was it deleted "
              + "with DeleteTrainingJob?); run again to create it anew"));
    }
    if (state.cancelRequested()) {
      return new Step.Failed<>(state, List.of(), OperationFailure.of(OperationFailure.Kind.CANCELLED,
          "training was cancelled before training job " + state.jobName() + " was created"));
    }
    return create(state);
  }

  /**
   * Stops the job ({@code StopTrainingJob}). Also asked when no job is known yet, because the run
   * may have died right after creating it; a job that does not exist or has already finished is not
   * an error.
   */
  @Override
  public TrainState cancel(TrainState state) {
    if (state.stage().isFinal()) {
      return state;
    }
    jobs(state).stop(state.jobName());
    return state.cancelling();
  }

  private Step<TrainState, TrainResult> create(TrainState state) {
    TrainingJobDefinition definition = state.definition();
    Optional<String> created = jobs(state).create(definition.toCreateRequest(state.jobName()));
    if (created.isEmpty()) {
      // The job exists although no describe saw it: an earlier attempt created it and died before
      // its state was saved, or the describe was not yet consistent. Follow it.
      Optional<DescribeTrainingJobResponse> existing = describe(state);
      if (existing.isPresent()) {
        return follow(state, existing.get());
      }
      return new Step.Running<>(state, List.of(new OperationEvent(context.clock().instant(), state.phase(),
          "training job " + state.jobName() + " exists but cannot be described yet; attaching")),
          context.polling().unknown(context.random()));
    }
    Instant now = context.clock().instant();
    TrainState launched = state.launched(created.get(), now);
    OperationEvent event = new OperationEvent(now, launched.phase(), "created training job " + state.jobName()
        + " (" + definition.instanceCount() + " x " + definition.instanceType() + ", image "
        + definition.trainingImage() + ")");
    return new Step.Running<>(launched, List.of(event), context.polling().afterLaunch(now, now, context.random()));
  }

  private Step<TrainState, TrainResult> follow(TrainState state, DescribeTrainingJobResponse job) {
    Instant now = context.clock().instant();
    String status = job.trainingJobStatusAsString();
    TrainState.Stage stage = TrainState.Stage.of(job.trainingJobStatus());
    TrainingJobEvents.Observation observation = TrainingJobEvents.observe(state, job, now);
    TrainState next = state.seen(job.trainingJobArn(), stage, job.secondaryStatusAsString(),
        observation.reportedTransitions());
    boolean reused = !state.hasSeenJob() && state.launchedAt() == null;
    List<OperationEvent> events = new ArrayList<>(observation.events());
    switch (stage) {
      case COMPLETED:
        TrainResult result = result(next, job, reused);
        if (reused) {
          // The history of a job trained by an earlier run is not news: say what is reused.
          events = List.of(new OperationEvent(now, status, "training job " + job.trainingJobName()
              + " already completed" + (job.trainingEndTime() != null ? " at " + job.trainingEndTime() : "")
              + " with the same spec; reusing its model artifact " + result.modelArtifactUri()));
        }
        return new Step.Succeeded<>(next, events, result);
      case FAILED:
        return new Step.Failed<>(next, events, new OperationFailure(OperationFailure.Kind.FAILED,
            "training job " + job.trainingJobName() + " failed: " + reason(job) + ". Its name comes from the "
                + "training spec, so running again attaches to this failed job; to retry a transient failure "
                + "(capacity, spot interruption) give a run key (train --run-key KEY, sagemakerTrain runKey: KEY), "
                + "or change the spec (data, hyperparameters, image or instances) to train again",
            job.failureReason(), List.of()));
      case STOPPED:
        String secondary = job.secondaryStatusAsString();
        boolean timedOut = "MaxRuntimeExceeded".equals(secondary) || "MaxWaitTimeExceeded".equals(secondary);
        return new Step.Failed<>(next, events, new OperationFailure(
            timedOut ? OperationFailure.Kind.TIMED_OUT : OperationFailure.Kind.CANCELLED,
            "training job " + job.trainingJobName() + " was stopped" + (timedOut
                ? " (" + secondary + "): it ran longer than spec.training.maxRuntime allows"
                : "") + "; give a run key (train --run-key KEY) or change the spec to train again under a new name",
            job.failureReason(), List.of()));
      case DELETING:
        return new Step.Failed<>(next, events, OperationFailure.of(OperationFailure.Kind.FAILED,
            "training job " + job.trainingJobName() + " is being deleted; run again once it is gone to train anew"));
      default:
        return new Step.Running<>(next, events, context.polling().unknown(context.random()));
    }
  }

  private static TrainResult result(TrainState state, DescribeTrainingJobResponse job, boolean reused) {
    Map<String, Double> metrics = new LinkedHashMap<>();
    if (job.hasFinalMetricDataList()) {
      for (MetricData metric : job.finalMetricDataList()) {
        if (metric.metricName() != null && metric.value() != null) {
          metrics.put(metric.metricName(), metric.value().doubleValue());
        }
      }
    }
    String artifact = job.modelArtifacts() == null ? null : job.modelArtifacts().s3ModelArtifacts();
    return new TrainResult(job.trainingJobName(), job.trainingJobArn(), artifact, state.definition().trainingImage(),
        state.definition().trainingImageDigest(), metrics, reused);
  }

  private static String reason(DescribeTrainingJobResponse job) {
    return job.failureReason() == null || job.failureReason().isBlank() ? "SageMaker gave no reason"
        : job.failureReason();
  }

  private Optional<DescribeTrainingJobResponse> describe(TrainState state) {
    return jobs(state).find(state.jobName());
  }

  private SageMakerTrainingJobs jobs(TrainState state) {
    return new SageMakerTrainingJobs(context.clients().sageMaker(state.region()));
  }
}
