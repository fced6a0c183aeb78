package dev.sagemakergitops.jenkins;

import dev.sagemakergitops.core.lineage.Lineage;
import dev.sagemakergitops.core.lineage.RecordedResource;
import dev.sagemakergitops.core.operation.OperationContext;
import dev.sagemakergitops.core.operation.train.TrainOperation;
import dev.sagemakergitops.core.operation.train.TrainRequest;
import dev.sagemakergitops.core.operation.train.TrainResult;
import dev.sagemakergitops.core.operation.train.TrainState;

/**
 * Wires {@code sagemakerTrain} to core's {@link TrainOperation}: the manifest's {@code spec.training}
 * as a training job named from the resolved spec, and from {@code runKey} when the step gives one.
 *
 * <p>Returns {@code trainingJobName}, {@code trainingJobArn}, {@code modelArtifactUri},
 * {@code trainingImage}, {@code imageDigest} (the training image's), {@code finalMetrics} (name to
 * number), {@code runKey} (or null) and {@code reused} (the job had completed before this run looked).
 */
final class TrainOperationFactory implements OperationFactory {
  private static final long serialVersionUID = 1L;

  static final String RUN_KEY = RunKeyedOperationStep.RUN_KEY;

  @Override
  public PreparedOperation<TrainRequest, TrainState, TrainResult> prepare(StepRequest request,
      OperationContext context) {
    return new PreparedOperation<>(new TrainOperation(context),
        manifest -> new TrainRequest(manifest, request.option(RUN_KEY).orElse(null)), TrainOperationFactory::result);
  }

  static StepResult result(TrainState state, TrainResult trained) {
    return new StepResult()
        .put("trainingJobName", trained.jobName())
        .put("trainingJobArn", trained.jobArn())
        .put("modelArtifactUri", trained.modelArtifactUri())
        .put("trainingImage", trained.trainingImage())
        .put("imageDigest", trained.imageDigest())
        .put("finalMetrics", trained.finalMetrics())
        .put("runKey", state.definition().runKey())
        .put("reused", trained.reused())
        .touched(trained.reused() ? RecordedResource.reused("training-job", trained.jobName(), trained.jobArn())
            : RecordedResource.created("training-job", trained.jobName(), trained.jobArn()))
        .lineage(Lineage.none().withTrainingJob(trained.jobName()).withModelArtifact(trained.modelArtifactUri()));
  }
}
