package dev.sagemakergitops.cli;

import dev.sagemakergitops.core.operation.ResolvedManifest;
import dev.sagemakergitops.core.operation.shadow.ShadowTestOperation;
import dev.sagemakergitops.core.operation.shadow.ShadowTestRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "shadow",
    mixinStandardHelpOptions = true,
    description = {
        "Shadow-tests a manifest's model against the live endpoint (shadowTest): a SageMaker inference experiment runs"
            + " the model beside production on a copy of a share of its requests for spec.shadowTest.duration, then"
            + " latency and error rates are compared with the manifest's limits. A pass promotes, retains or removes"
            + " the shadow as spec.shadowTest.onPass says; a failure or no traffic removes it and exits 4. Progress"
            + " lines show the experiment's status and the time left.",
        ""},
    footerHeading = "%nExamples:%n",
    footer = {
        "  sagemaker-gitops shadow models/churn/prod.yaml",
        "  sagemaker-gitops shadow --data-capture s3://ml-capture/churn/shadow/ --json models/churn/prod.yaml",
        "  sagemaker-gitops shadow --run-key retry-1 models/churn/prod.yaml   # test the same model once more"})
final class ShadowCommand extends OperationCommand {

  @Option(names = "--experiment-role", paramLabel = "ARN",
      description = "The role SageMaker assumes to run the experiment (default: the manifest's"
          + " spec.model.executionRoleArn).")
  String experimentRole;

  @Option(names = "--data-capture", paramLabel = "S3_URI",
      description = "Store the requests and responses of both variants there (default: none).")
  String dataCapture;

  @Option(names = "--run-key", paramLabel = "KEY",
      description = "Names a new experiment for the same model, to test it once more (default: none: the same"
          + " manifest always maps to the same experiment, and running again reports it again).")
  String runKey;

  @Override
  String operationName() {
    return "shadowTest";
  }

  @Override
  OperationOutcome execute(OperationSession session) {
    ResolvedManifest manifest = session.resolveOne(paths());
    return session.run(manifest, new ShadowTestOperation(session.context()),
        new ShadowTestRequest(manifest, experimentRole, dataCapture, runKey), experimentRole, dataCapture, runKey);
  }
}
