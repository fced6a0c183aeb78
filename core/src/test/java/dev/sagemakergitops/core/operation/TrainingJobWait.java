package dev.sagemakergitops.core.operation;

import dev.sagemakergitops.core.aws.SageMakerErrors;
import dev.sagemakergitops.core.manifest.ManifestProblem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DescribeTrainingJobResponse;
import software.amazon.awssdk.services.sagemaker.model.TrainingJobStatus;

/**
 * A small but real operation for the driver's tests: one training job, created on the first poll
 * (so {@code begin} mutates nothing), attached to by name when it exists, waited for, stopped on
 * cancel. Not one of the five operations; it only exercises the contract against the local control
 * plane.
 */
final class TrainingJobWait implements Operation<TrainingJobWait.Request, TrainingJobWait.State, TrainingJobWait.Result> {

  record Request(String jobName, String image, String outputPath) {}

  record State(String phase, String jobName, String image, String outputPath, String secondaryStatus)
      implements OperationState {
    State next(String newPhase, String newSecondaryStatus) {
      return new State(newPhase, jobName, image, outputPath, newSecondaryStatus);
    }
  }

  record Result(String trainingJobName, String modelArtifactUri, Instant endedAt, boolean reused,
      List<String> secondaryStatuses) {}

  private final OperationContext context;

  TrainingJobWait(OperationContext context) {
    this.context = context;
  }

  @Override
  public String name() {
    return "exampleTrain";
  }

  @Override
  public Class<State> stateType() {
    return State.class;
  }

  @Override
  public State begin(Request request) {
    if (!request.jobName().matches("[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}")) {
      throw new OperationInputException(new ManifestProblem("models/example.yaml", 3, 9, "metadata.name",
          "expected a training job name of 1-63 letters, digits and hyphens, got '" + request.jobName() + "'"));
    }
    return new State("Pending", request.jobName(), request.image(), request.outputPath(), null);
  }

  @Override
  public Step<State, Result> poll(State state) {
    DescribeTrainingJobResponse job;
    try {
      job = sageMaker().describeTrainingJob(r -> r.trainingJobName(state.jobName()));
    } catch (AwsServiceException e) {
      if (!SageMakerErrors.isNotFound(e) || !state.phase().equals("Pending")) {
        throw e;
      }
      Instant now = context.clock().instant();
      create(state);
      return new Step.Running<>(state.next("Launched", "Starting"),
          List.of(new OperationEvent(now, "Launched", "created training job " + state.jobName())),
          context.polling().afterLaunch(now, now, context.random()));
    }
    List<OperationEvent> events = new ArrayList<>();
    String secondary = job.secondaryStatusAsString();
    Instant now = context.clock().instant();
    if (!secondary.equals(state.secondaryStatus())) {
      events.add(new OperationEvent(now, "Training", job.trainingJobStatusAsString() + " - " + secondary));
    }
    if (job.trainingJobStatus() == TrainingJobStatus.COMPLETED) {
      State done = state.next("Completed", secondary);
      List<String> statuses = job.secondaryStatusTransitions().stream().map(t -> t.statusAsString()).toList();
      return new Step.Succeeded<>(done, events, new Result(job.trainingJobName(), job.modelArtifacts().s3ModelArtifacts(),
          job.trainingEndTime(), state.phase().equals("Pending"), statuses));
    }
    if (job.trainingJobStatus() == TrainingJobStatus.FAILED) {
      return new Step.Failed<>(state.next("Failed", secondary), events,
          OperationFailure.of(OperationFailure.Kind.FAILED, "training job " + state.jobName() + " failed; see its logs",
              job.failureReason()));
    }
    if (job.trainingJobStatus() == TrainingJobStatus.STOPPED) {
      return new Step.Failed<>(state.next("Stopped", secondary), events,
          OperationFailure.of(OperationFailure.Kind.CANCELLED, "training job " + state.jobName() + " was stopped"));
    }
    return new Step.Running<>(state.next(job.trainingJobStatus() == TrainingJobStatus.STOPPING ? "Stopping" : "Training",
        secondary), events, context.polling().unknown(context.random()));
  }

  @Override
  public State cancel(State state) {
    if (state.phase().equals("Pending")) {
      return state.next("Cancelled", state.secondaryStatus());
    }
    try {
      sageMaker().stopTrainingJob(r -> r.trainingJobName(state.jobName()));
    } catch (AwsServiceException e) {
      // Already over (completed, failed or stopped): there is nothing left to stop.
      if (!"ValidationException".equals(SageMakerErrors.code(e))) {
        throw e;
      }
    }
    return state.next("Stopping", state.secondaryStatus());
  }

  private void create(State state) {
    sageMaker().createTrainingJob(r -> r.trainingJobName(state.jobName())
        .roleArn("arn:aws:iam::123456789012:role/sm-execution")
        .algorithmSpecification(a -> a.trainingImage(state.image()).trainingInputMode("File"))
        .outputDataConfig(o -> o.s3OutputPath(state.outputPath()))
        .resourceConfig(c -> c.instanceType("ml.m5.large").instanceCount(1).volumeSizeInGB(10))
        .stoppingCondition(s -> s.maxRuntimeInSeconds(3600)));
  }

  private SageMakerClient sageMaker() {
    return context.clients().sageMaker();
  }
}
