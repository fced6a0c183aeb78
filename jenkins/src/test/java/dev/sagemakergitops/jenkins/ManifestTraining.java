package dev.sagemakergitops.jenkins;

import dev.sagemakergitops.core.manifest.TrainingSpec;
import dev.sagemakergitops.core.operation.Operation;
import dev.sagemakergitops.core.operation.OperationContext;
import dev.sagemakergitops.core.operation.OperationEvent;
import dev.sagemakergitops.core.operation.OperationFailure;
import dev.sagemakergitops.core.operation.OperationInputException;
import dev.sagemakergitops.core.operation.OperationState;
import dev.sagemakergitops.core.operation.ResolvedManifest;
import dev.sagemakergitops.core.operation.SageMakerErrors;
import dev.sagemakergitops.core.operation.Step;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.sagemaker.model.DescribeTrainingJobResponse;
import software.amazon.awssdk.services.sagemaker.model.TrainingJobStatus;

/**
 * The adapter's test operation, real enough to exercise it end to end: resolves the step's manifest
 * from Git (pinning its image in the local ECR), then runs its {@code spec.training} as one training
 * job named from the manifest and the commit, and stops the job on cancel. Not one of the five
 * operations; those are core's.
 */
final class ManifestTraining implements Operation<ResolvedManifest, ManifestTraining.State, ManifestTraining.Result> {

  /** The plain state: the job's name and what creating it takes. */
  record State(String phase, String jobName, String commit, String image, String roleArn, String instanceType,
      Map<String, String> inputs, String outputUri) implements OperationState {
    State in(String newPhase) {
      return new State(newPhase, jobName, commit, image, roleArn, instanceType, inputs, outputUri);
    }
  }

  record Result(String trainingJobName, String modelArtifactUri, String commit) {}

  /** The factory a step would have: stateless, persisted as its class. */
  static final class Factory implements OperationFactory {
    private static final long serialVersionUID = 1L;

    @Override
    public PreparedOperation<?, ?, ?> prepare(StepRequest request, OperationContext context) {
      return new PreparedOperation<>(new ManifestTraining(context), () -> request.resolveManifest(context));
    }
  }

  private final OperationContext context;

  ManifestTraining(OperationContext context) {
    this.context = context;
  }

  @Override
  public String name() {
    return "sagemakerTrain";
  }

  @Override
  public Class<State> stateType() {
    return State.class;
  }

  @Override
  public State begin(ResolvedManifest manifest) {
    TrainingSpec training = manifest.manifest().spec().training();
    if (training == null) {
      throw new OperationInputException(manifest.problemAt("spec.training", "sagemakerTrain needs a training section"));
    }
    Map<String, String> inputs = new java.util.TreeMap<>();
    training.inputs().forEach((channel, input) -> inputs.put(channel, input.s3Uri()));
    String commit = manifest.origin().commitId();
    return new State("Pending", manifest.name() + "-" + commit.substring(0, 8), commit,
        manifest.effectiveTrainingImage().toString(), training.roleArn(), training.instanceType(), inputs,
        training.outputS3Uri());
  }

  @Override
  public Step<State, Result> poll(State state) {
    DescribeTrainingJobResponse job;
    try {
      job = context.clients().sageMaker().describeTrainingJob(r -> r.trainingJobName(state.jobName()));
    } catch (AwsServiceException e) {
      if (!SageMakerErrors.isNotFound(e)) {
        throw e;
      }
      create(state);
      return new Step.Running<>(state.in("Created"), List.of(event("Created", "created training job " + state.jobName())),
          context.polling().unknown(context.random()));
    }
    List<OperationEvent> events = List.of(event(job.secondaryStatusAsString(),
        job.trainingJobStatusAsString() + " - " + job.secondaryStatusAsString()));
    if (job.trainingJobStatus() == TrainingJobStatus.COMPLETED) {
      return new Step.Succeeded<>(state.in("Completed"), events,
          new Result(state.jobName(), job.modelArtifacts().s3ModelArtifacts(), state.commit()));
    }
    if (job.trainingJobStatus() == TrainingJobStatus.FAILED || job.trainingJobStatus() == TrainingJobStatus.STOPPED) {
      return new Step.Failed<>(state.in(job.trainingJobStatusAsString()), events,
          OperationFailure.of(OperationFailure.Kind.FAILED, state.jobName() + " ended " + job.trainingJobStatusAsString(),
              job.failureReason()));
    }
    return new Step.Running<>(state.in(job.secondaryStatusAsString()), events, context.polling().unknown(context.random()));
  }

  @Override
  public State cancel(State state) {
    if (!state.phase().equals("Pending")) {
      context.clients().sageMaker().stopTrainingJob(r -> r.trainingJobName(state.jobName()));
    }
    return state.in("Stopping");
  }

  private void create(State state) {
    context.clients().sageMaker().createTrainingJob(r -> r.trainingJobName(state.jobName())
        .roleArn(state.roleArn())
        .algorithmSpecification(a -> a.trainingImage(state.image()).trainingInputMode("File"))
        .inputDataConfig(state.inputs().entrySet().stream().map(input -> software.amazon.awssdk.services.sagemaker.model
            .Channel.builder().channelName(input.getKey())
            .dataSource(d -> d.s3DataSource(s -> s.s3Uri(input.getValue()).s3DataType("S3Prefix"))).build()).toList())
        .outputDataConfig(o -> o.s3OutputPath(state.outputUri()))
        .resourceConfig(c -> c.instanceType(state.instanceType()).instanceCount(1).volumeSizeInGB(30))
        .stoppingCondition(s -> s.maxRuntimeInSeconds(7200)));
  }

  private OperationEvent event(String phase, String message) {
    return new OperationEvent(context.clock().instant(), phase, message);
  }
}
