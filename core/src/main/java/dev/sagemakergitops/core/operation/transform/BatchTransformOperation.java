package dev.sagemakergitops.core.operation.transform;

import dev.sagemakergitops.core.aws.EventualConsistency;
import dev.sagemakergitops.core.aws.SageMakerErrors;
import dev.sagemakergitops.core.aws.SageMakerTransformJobs;
import dev.sagemakergitops.core.aws.TransientFailures;
import dev.sagemakergitops.core.input.InvalidArgumentException;
import dev.sagemakergitops.core.manifest.BatchTransformSpec;
import dev.sagemakergitops.core.operation.Operation;
import dev.sagemakergitops.core.operation.OperationContext;
import dev.sagemakergitops.core.operation.OperationEvent;
import dev.sagemakergitops.core.operation.OperationFailure;
import dev.sagemakergitops.core.operation.OperationInputException;
import dev.sagemakergitops.core.operation.ResolvedManifest;
import dev.sagemakergitops.core.operation.Step;
import dev.sagemakergitops.core.operation.model.ServingModel;
import dev.sagemakergitops.core.operation.model.ServingModels;
import dev.sagemakergitops.core.operation.transform.BatchTransformState.Stage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DescribeTransformJobResponse;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;

/**
 * Runs one named batch transform of a manifest: the manifest's model (created if missing), then a
 * transform job with the manifest's input, output, data processing and resources, waited for until
 * it ends. See {@code docs/operations.md}, "Batch transform".
 */
public final class BatchTransformOperation
    implements Operation<BatchTransformRequest, BatchTransformState, BatchTransformReport> {
  public static final String NAME = "batchTransform";


  /** While a job runs, polls are this share of its running time apart (bounded by the policy). */
  private static final int RUNNING_POLL_DIVISOR = 20;

  private final OperationContext context;
  private final ServingModels models;

  public BatchTransformOperation(OperationContext context) {
    this.context = context;
    this.models = new ServingModels(context);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Class<BatchTransformState> stateType() {
    return BatchTransformState.class;
  }

  /**
   * Finds the named transform and defines the model (reads the model package); creates nothing.
   *
   * @throws OperationInputException when the manifest has no such transform or its model cannot be
   *     served
   */
  @Override
  public BatchTransformState begin(BatchTransformRequest request) {
    ResolvedManifest manifest = request.manifest();
    if (request.runKey() != null && request.runKey().isBlank()) {
      throw new InvalidArgumentException("a run key must not be blank; leave it out to use the commit id");
    }
    Map<String, BatchTransformSpec> transforms = manifest.manifest().spec().batchTransforms();
    BatchTransformSpec spec = transforms.get(request.transformName());
    if (spec == null) {
      String message = transforms.isEmpty()
          ? "this manifest has no batchTransforms, so there is no transform '" + request.transformName()
              + "' to run; add spec.batchTransforms." + request.transformName() + " or name another manifest"
          : "there is no batch transform named '" + request.transformName() + "'; this manifest defines "
              + String.join(", ", transforms.keySet()) + ". Use one of those names or add it";
      throw new OperationInputException(manifest.problemAt(transforms.isEmpty() ? "spec" : "spec.batchTransforms",
          message));
    }
    ServingModel model = models.define(manifest);
    TransformJobDefinition job = TransformJobDefinition.of(manifest.name(), model, spec, request.effectiveRunKey());
    return new BatchTransformState(Stage.CREATE, job, null, null, null, List.of());
  }

  @Override
  public Step<BatchTransformState, BatchTransformReport> poll(BatchTransformState state) {
    if (state.stage() == Stage.CREATE) {
      return create(state);
    }
    Optional<DescribeTransformJobResponse> job = describe(state.job());
    if (job.isEmpty()) {
      return missing(state);
    }
    return observe(state, job.get(), new ArrayList<>());
  }

  /**
   * Asks SageMaker to stop the job. A job that does not exist (yet) or has ended already needs no
   * stop; the next poll reports how it ended.
   */
  @Override
  public BatchTransformState cancel(BatchTransformState state) {
    if (state.stage().isFinal()) {
      return state;
    }
    new SageMakerTransformJobs(sageMaker(state.job())).stop(state.job().name());
    return state.with(Stage.CANCELLING);
  }

  private Step<BatchTransformState, BatchTransformReport> create(BatchTransformState before) {
    List<OperationEvent> events = new ArrayList<>();
    TransformJobDefinition job = before.job();
    BatchTransformState state = before;
    ServingModels.Ensured model = models.ensureModel(job.model());
    if (model == ServingModels.Ensured.CREATED) {
      events.add(event(state, "created model " + job.model().name()));
      state = state.createdToo(job.model().name());
    }
    // Describe first: a re-run attaches to the job of this name, and some emulators overwrite a
    // job on a second CreateTransformJob instead of refusing it.
    Optional<DescribeTransformJobResponse> existing = describe(job);
    if (existing.isPresent()) {
      events.add(event(state, "transform job " + job.name() + " exists (" + existing.get().transformJobStatusAsString()
          + "): attaching to it"));
      return observe(state.with(Stage.WAIT), existing.get(), events);
    }
    try {
      String arn = EventualConsistency.use(model.isNew(), "model " + job.model().name(),
          () -> sageMaker(job).createTransformJob(job.toRequest()).transformJobArn());
      events.add(event(state, "created transform job " + job.name() + " (model " + job.model().name() + ", run key "
          + job.runKey() + ")"));
      Instant now = context.clock().instant();
      return new Step.Running<>(state.with(Stage.WAIT).observed(arn, null, now).createdToo(job.name()), events,
          context.polling().afterLaunch(now, now, context.random()));
    } catch (SageMakerException e) {
      if (SageMakerErrors.isAlreadyExists(e)) {
        // Created by an attempt whose answer was lost: attach on the next poll.
        events.add(event(state, "transform job " + job.name() + " exists already: attaching to it"));
        return new Step.Running<>(state.with(Stage.WAIT), events, context.polling().unknown(context.random()));
      }
      if (TransientFailures.isTransient(e)) {
        throw e;
      }
      return new Step.Failed<>(state.with(Stage.FAILED), events, OperationFailure.of(OperationFailure.Kind.FAILED,
          "SageMaker refused transform job " + job.name() + ": " + SageMakerErrors.message(e)
              + ". Check spec.batchTransforms." + job.transformName() + " and the model " + job.model().name(),
          SageMakerErrors.message(e)));
    }
  }

  private Step<BatchTransformState, BatchTransformReport> missing(BatchTransformState state) {
    List<OperationEvent> events = new ArrayList<>();
    if (state.stage() == Stage.CANCELLING) {
      return new Step.Failed<>(state.with(Stage.STOPPED), events, OperationFailure.of(OperationFailure.Kind.CANCELLED,
          "cancelled before transform job " + state.job().name() + " was created"));
    }
    // Not visible yet right after its creation, or never created by an attempt that died: create
    // (or attach) again.
    return new Step.Running<>(state.with(Stage.CREATE), events, context.polling().unknown(context.random()));
  }

  private Step<BatchTransformState, BatchTransformReport> observe(BatchTransformState state,
      DescribeTransformJobResponse job, List<OperationEvent> events) {
    String status = job.transformJobStatusAsString();
    BatchTransformState seen = state.observed(job.transformJobArn(), status, job.creationTime());
    if (!status.equals(state.lastStatus())) {
      events.add(event(state, "transform job " + job.transformJobName() + ": " + status
          + (job.failureReason() == null || job.failureReason().isEmpty() ? "" : " (" + job.failureReason() + ")")));
    }
    switch (job.transformJobStatus()) {
      case COMPLETED:
        return new Step.Succeeded<>(seen.with(Stage.COMPLETED), events, report(state.job(), job, state.created()));
      case FAILED:
        return new Step.Failed<>(seen.with(Stage.FAILED), events, new OperationFailure(OperationFailure.Kind.FAILED,
            "transform job " + job.transformJobName() + " failed: " + job.failureReason()
                + ". Fix the cause, then run again with another run key (this one names the failed job)",
            job.failureReason(), List.of()));
      case STOPPED:
        return new Step.Failed<>(seen.with(Stage.STOPPED), events, OperationFailure.of(OperationFailure.Kind.CANCELLED,
            "transform job " + job.transformJobName() + " was stopped before it finished; no output was written"));
      default:
        return new Step.Running<>(seen, events, nextPoll(job));
    }
  }

  /**
   * Before the instances are up, the first poll waits the provisioning estimate; afterwards polls
   * are a twentieth of the running time apart, so a short job is seen promptly and a long one does
   * not cost a call every few seconds for hours.
   */
  private Duration nextPoll(DescribeTransformJobResponse job) {
    Instant now = context.clock().instant();
    if (job.transformStartTime() == null) {
      return context.polling().afterLaunch(now, job.creationTime() == null ? now : job.creationTime(),
          context.random());
    }
    Duration running = Duration.between(job.transformStartTime(), now);
    return context.polling().until(now, now.plus(running.dividedBy(RUNNING_POLL_DIVISOR)), context.random());
  }

  private static BatchTransformReport report(TransformJobDefinition definition, DescribeTransformJobResponse job,
      List<String> created) {
    String input = job.transformInput() == null || job.transformInput().dataSource() == null
        ? definition.spec().inputS3Uri() : job.transformInput().dataSource().s3DataSource().s3Uri();
    String output = job.transformOutput() == null ? definition.spec().outputS3Uri()
        : job.transformOutput().s3OutputPath();
    return new BatchTransformReport(definition.transformName(), job.transformJobName(), job.transformJobArn(),
        job.modelName(), definition.runKey(), input, output, job.creationTime(), job.transformStartTime(),
        job.transformEndTime(), created);
  }

  private Optional<DescribeTransformJobResponse> describe(TransformJobDefinition job) {
    return new SageMakerTransformJobs(sageMaker(job)).find(job.name());
  }

  private SageMakerClient sageMaker(TransformJobDefinition job) {
    return context.clients().sageMaker(job.region());
  }

  private OperationEvent event(BatchTransformState state, String message) {
    return new OperationEvent(context.clock().instant(), state.phase(), message);
  }
}
