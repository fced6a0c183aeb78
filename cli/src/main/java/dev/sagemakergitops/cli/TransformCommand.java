package dev.sagemakergitops.cli;

import dev.sagemakergitops.core.manifest.BatchTransformSpec;
import dev.sagemakergitops.core.operation.OperationInputException;
import dev.sagemakergitops.core.operation.ResolvedManifest;
import dev.sagemakergitops.core.operation.transform.BatchTransformOperation;
import dev.sagemakergitops.core.operation.transform.BatchTransformRequest;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "transform",
    mixinStandardHelpOptions = true,
    description = {
        "Runs one of a manifest's spec.batchTransforms (batchTransform): a SageMaker transform job over the manifest's"
            + " model, named after the transform's spec and a run key. The same commit (or run key) again attaches to"
            + " the same job instead of scoring twice.",
        ""},
    footerHeading = "%nExamples:%n",
    footer = {
        "  sagemaker-gitops transform models/churn/prod.yaml",
        "  sagemaker-gitops transform --name nightly --run-key \"$(date -u +%%Y-%%m-%%d)\" models/churn/prod.yaml",
        "  sagemaker-gitops transform --name nightly --json models/churn/prod.yaml > transform.json"})
final class TransformCommand extends OperationCommand {

  @Option(names = "--name", paramLabel = "NAME",
      description = "The transform under spec.batchTransforms (default: the only one the manifest defines).")
  String name;

  @Option(names = "--run-key", paramLabel = "KEY",
      description = "Tells one run of the same transform from another, for example the date of a nightly run"
          + " (default: the commit, so running the same commit again attaches to its job).")
  String runKey;

  @Override
  String operationName() {
    return "batchTransform";
  }

  @Override
  OperationOutcome execute(OperationSession session) {
    if (runKey != null && runKey.isBlank()) {
      throw new InvalidInputException("--run-key: expected some text, such as a date; leave it out to use the commit");
    }
    ResolvedManifest manifest = session.resolveOne(paths());
    String transform;
    try {
      transform = name != null ? name : onlyTransform(manifest);
    } catch (OperationInputException refusal) {
      return session.refused(operationName(), manifest, refusal);
    }
    return session.run(manifest, new BatchTransformOperation(session.context()),
        new BatchTransformRequest(manifest, transform, runKey), transform, runKey);
  }

  private static String onlyTransform(ResolvedManifest manifest) {
    Map<String, BatchTransformSpec> transforms = manifest.manifest().spec().batchTransforms();
    if (transforms.size() == 1) {
      return transforms.keySet().iterator().next();
    }
    throw new OperationInputException(transforms.isEmpty()
        ? manifest.problemAt("spec", "this manifest has no batchTransforms, so there is nothing to run; add"
            + " spec.batchTransforms.<name> or name another manifest")
        : manifest.problemAt("spec.batchTransforms", "this manifest defines " + transforms.size() + " transforms ("
            + String.join(", ", transforms.keySet()) + "); choose one with --name"));
  }
}
