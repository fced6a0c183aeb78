package dev.sagemakergitops.cli;

import dev.sagemakergitops.core.aws.AwsClients;
import dev.sagemakergitops.core.lineage.Explainer;
import dev.sagemakergitops.core.lineage.Explanation;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
    name = "explain",
    mixinStandardHelpOptions = true,
    description = {
        "Says where a live endpoint (or a model package version, or a training job) comes from, from AWS alone: the"
            + " commit, manifest, image digest, model package and training job its lineage tags name, what SageMaker"
            + " actually runs, and where the two disagree. Needs no checkout; makes no change anywhere.",
        ""},
    footerHeading = "%nExamples:%n",
    footer = {
        "  sagemaker-gitops explain churn-prod",
        "  sagemaker-gitops explain --region eu-west-1 --json churn-prod",
        "  sagemaker-gitops explain --model-package arn:aws:sagemaker:us-east-1:123456789012:model-package/churn/7",
        "  sagemaker-gitops explain --training-job churn-prod-3f2a9c1e5b7d",
        "",
        "Exit codes:",
        "  0  explained (notes may still report disagreements)",
        "  1  failure (AWS could not be reached or refused the reads)",
        "  2  invalid input: no such endpoint, package or job in that region"})
final class ExplainCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @ParentCommand Main main;
  @Mixin AwsOptionsMixin aws;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Subject subject;

  /** Exactly one thing to explain. */
  static final class Subject {
    @Parameters(paramLabel = "ENDPOINT", description = "The endpoint to explain.")
    String endpoint;

    @Option(names = "--model-package", paramLabel = "ARN", description = "Explain this model package version instead.")
    String modelPackage;

    @Option(names = "--training-job", paramLabel = "NAME", description = "Explain this training job instead.")
    String trainingJob;
  }

  @Option(names = "--json", description = "Print the explanation as JSON.")
  boolean json;

  @Override
  public Integer call() {
    Explanation explanation;
    try (AwsClients clients = AwsClients.create(aws.options.settings(),
        (main == null ? CommandRuntime.system() : main.runtime()).interceptors())) {
      Explainer explainer = new Explainer(clients);
      String region = clients.defaultRegion().id();
      if (subject.modelPackage != null) {
        explanation = explainer.explainModelPackage(subject.modelPackage, region);
      } else if (subject.trainingJob != null) {
        explanation = explainer.explainTrainingJob(subject.trainingJob, region);
      } else {
        explanation = explainer.explain(subject.endpoint, region);
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    String text = json ? explanation.toJson() : explanation.toText();
    out.print(text.endsWith("\n") ? text : text + "\n");
    out.flush();
    return ExitCode.SUCCESS.code();
  }
}
