package dev.sagemakergitops.cli;

import dev.sagemakergitops.core.operation.ResolvedManifest;
import dev.sagemakergitops.core.operation.train.TrainOperation;
import dev.sagemakergitops.core.operation.train.TrainRequest;
import picocli.CommandLine.Command;

@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description = {
        "Trains the model a manifest's spec.training describes (sagemakerTrain): a SageMaker training job named after"
            + " its resolved spec, with the training image pinned by digest and lineage tags. The same spec again"
            + " reuses the finished job's artifact instead of training anew; a run that died is resumed by running"
            + " the same command again.",
        ""},
    footerHeading = "%nExamples:%n",
    footer = {
        "  sagemaker-gitops train models/churn/prod.yaml",
        "  sagemaker-gitops train --ref origin/main --json models/churn/prod.yaml > train.json",
        "  sagemaker-gitops train --region eu-west-1 --role-arn arn:aws:iam::123456789012:role/ci models/churn"})
final class TrainCommand extends OperationCommand {

  @Override
  String operationName() {
    return "sagemakerTrain";
  }

  @Override
  OperationOutcome execute(OperationSession session) {
    ResolvedManifest manifest = session.resolveOne(paths());
    return session.run(manifest, new TrainOperation(session.context()), new TrainRequest(manifest));
  }
}
