package dev.sagemakergitops.jenkins;

import dev.sagemakergitops.core.lineage.RecordedResource;
import dev.sagemakergitops.core.manifest.BatchTransformSpec;
import dev.sagemakergitops.core.operation.OperationContext;
import dev.sagemakergitops.core.operation.OperationInputException;
import dev.sagemakergitops.core.operation.ResolvedManifest;
import dev.sagemakergitops.core.operation.transform.BatchTransformOperation;
import dev.sagemakergitops.core.operation.transform.BatchTransformReport;
import dev.sagemakergitops.core.operation.transform.BatchTransformRequest;
import dev.sagemakergitops.core.operation.transform.BatchTransformState;
import java.util.Map;

/**
 * Wires {@code batchTransform} to core's {@link BatchTransformOperation}: the transform
 * {@code transform} of {@code spec.batchTransforms} (which may be left out when the manifest has
 * one), keyed by {@code runKey} (default: the commit the manifest was read at).
 *
 * <p>Returns {@code transformName}, {@code transformJobName}, {@code transformJobArn},
 * {@code modelName}, {@code runKey}, {@code inputUri}, {@code outputUri} (each input object
 * {@code x} has its output at {@code <outputUri>/x.out}), {@code creationTime}, {@code startTime}
 * and {@code endTime} (ISO-8601).
 */
final class BatchTransformOperationFactory implements OperationFactory {
  private static final long serialVersionUID = 1L;

  static final String TRANSFORM = "transform";
  static final String RUN_KEY = RunKeyedOperationStep.RUN_KEY;

  @Override
  public PreparedOperation<BatchTransformRequest, BatchTransformState, BatchTransformReport> prepare(
      StepRequest request, OperationContext context) {
    return new PreparedOperation<>(new BatchTransformOperation(context),
        manifest -> new BatchTransformRequest(manifest, request.option(TRANSFORM).orElseGet(() -> onlyTransform(manifest)),
            request.option(RUN_KEY).orElse(null)),
        BatchTransformOperationFactory::result);
  }

  /** The manifest's one transform, for a step that names none. */
  private static String onlyTransform(ResolvedManifest manifest) {
    Map<String, BatchTransformSpec> transforms = manifest.manifest().spec().batchTransforms();
    if (transforms == null || transforms.size() != 1) {
      throw new OperationInputException(manifest.problemAt("spec.batchTransforms", transforms == null
          || transforms.isEmpty() ? "this manifest has no batch transforms; add spec.batchTransforms with one"
          : "batchTransform runs one transform and this manifest has " + transforms.size() + " "
              + transforms.keySet() + "; pass transform: with the one to run"));
    }
    return transforms.keySet().iterator().next();
  }

  static StepResult result(BatchTransformState state, BatchTransformReport report) {
    return new StepResult()
        .put("transformName", report.transformName())
        .put("transformJobName", report.jobName())
        .put("transformJobArn", report.jobArn())
        .put("modelName", report.modelName())
        .put("runKey", report.runKey())
        .put("inputUri", report.inputS3Uri())
        .put("outputUri", report.outputS3Uri())
        .put("creationTime", report.creationTime())
        .put("startTime", report.startTime())
        .put("endTime", report.endTime())
        .touched(RecordedResource.created("transform-job", report.jobName(), report.jobArn()))
        .lineage(state.job().model().lineage());
  }
}
