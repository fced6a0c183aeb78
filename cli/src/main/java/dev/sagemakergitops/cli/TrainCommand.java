package dev.sagemakergitops.cli;

import dev.sagemakergitops.core.operation.ResolvedManifest;
import dev.sagemakergitops.core.operation.train.TrainOperation;
import dev.sagemakergitops.core.operation.train.TrainRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description = {
        "Trains the model a manifest's spec.training describes (sagemakerTrain): a SageMaker training job named after"
            + " its resolved spec, with the training image pinned by digest and lineage tags. The same spec again"
            + " reuses the finished job's artifact instead of training anew (a failed job fails again); --run-key"
            + " trains the same spec again under a new job name. A run that died is resumed by running the same"
            + " command again.",
        ""},
    footerHeading = "%nExamples:%n",
    footer = {
        "  sagemaker-gitops train models/churn/prod.yaml",
        "  sagemaker-gitops train --ref origin/main --json models/churn/prod.yaml > train.json",
        "  sagemaker-gitops train --run-key \"$CODEBUILD_BUILD_NUMBER\" models/churn/prod.yaml   # retry after a capacity error",
        "  sagemaker-gitops train --region eu-west-1 --role-arn arn:aws:iam::123456789012:role/ci models/churn"})
final class TrainCommand extends OperationCommand {

  @Option(names = "--run-key", paramLabel = "KEY",
      description = "Train the same spec again under a new job name, for example after a transient failure (capacity,"
          + " spot interruption); the same key attaches to the same job (default: none, so a finished job of the"
          + " same spec is reused).")
  String runKey;

  @Override
  String operationName() {
    return "sagemakerTrain";
  }

  @Override
  OperationOutcome execute(OperationSession session) {
    if (runKey != null && runKey.isBlank()) {
      throw new InvalidInputException("--run-key: expected some text, such as a build number; leave it out to reuse"
          + " the finished job of the same spec");
    }
    ResolvedManifest manifest = session.resolveOne(paths());
    return session.run(manifest, new TrainOperation(session.context()), new TrainRequest(manifest, runKey), runKey);
  }
}
