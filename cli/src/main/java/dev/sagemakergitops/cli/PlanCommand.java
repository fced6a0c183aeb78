package dev.sagemakergitops.cli;

import dev.sagemakergitops.core.aws.AwsClients;
import dev.sagemakergitops.core.aws.ImagePinner;
import dev.sagemakergitops.core.git.GitRepository;
import dev.sagemakergitops.core.plan.GitOpsPlan;
import dev.sagemakergitops.core.plan.PlanBuilder;
import dev.sagemakergitops.core.plan.PlanRenderer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    description = {
        "Says what merging HEAD onto BASE would do, model by model: package version, image tag and digest, instance"
            + " types and counts, deployment strategy, bakes, alarms, shadow test, batch transforms. Reads Git and"
            + " (unless --offline) resolves image tags to digests in ECR; makes no change anywhere. --format matrix"
            + " lists the added and changed manifests as JSON for a Jenkins parallel step or a CodeBuild batch"
            + " build, one sync per manifest (docs/cli.md).",
        ""},
    footerHeading = "%nExamples:%n",
    footer = {
        "  sagemaker-gitops plan --base origin/main --head HEAD --format markdown > plan.md",
        "  sagemaker-gitops plan --base HEAD~1 --offline",
        "  sagemaker-gitops plan --base v1.0 --head v1.1 --json models/churn",
        "  sagemaker-gitops plan --base HEAD~1 --offline --format matrix > matrix.json   # one build per manifest",
        "  sagemaker-gitops plan --base origin/main --comment github   # the plan as a pull-request comment",
        "",
        "Exit codes: 0 a plan was made, 2 the change is blocked by problems (listed in the plan) or the input is"
            + " wrong, 1 failure."})
final class PlanCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @Mixin RepositoryOptionsMixin repository;
  @Mixin AwsOptionsMixin aws;

  @Option(names = "--base", paramLabel = "REF", required = true,
      description = "What the change is compared with: the target branch, or the commit the endpoints run.")
  String base;

  @Option(names = "--head", paramLabel = "REF", defaultValue = "HEAD", description = "The proposed commit (default: HEAD).")
  String head;

  @Option(names = "--offline", description = "Consult no AWS service; digests are shown as not resolved.")
  boolean offline;

  @Mixin FormatOptions format;

  @Option(names = "--output", paramLabel = "FILE", description = "Write the plan to FILE instead of standard output.")
  Path output;

  @Option(names = "--comment", paramLabel = "HOST",
      description = "Also post the Markdown plan as one comment on the pull request at HOST (github, gitlab or"
          + " codecommit), editing that same comment on later runs; a failure to comment is a warning"
          + " (docs/pull-requests.md).")
  String comment;

  @Option(names = "--pull-request", paramLabel = "N",
      description = "The pull request to comment on (default: from the CI's variables: GITHUB_EVENT_PATH,"
          + " CODEBUILD_WEBHOOK_TRIGGER, CHANGE_ID, CI_MERGE_REQUEST_IID).")
  String pullRequest;

  @Option(names = "--codecommit-repository", paramLabel = "NAME",
      description = "The CodeCommit repository of --comment codecommit (default: from CODEBUILD_SOURCE_REPO_URL).")
  String codeCommitRepository;

  @ParentCommand Main main;

  @Override
  public Integer call() {
    String chosen = format.chosen(List.of("text", "markdown", "json", "matrix"));
    Map<String, String> environment = (main == null ? CommandRuntime.system() : main.runtime()).environment();
    PlanComment planComment = comment == null ? null
        : PlanComment.of(comment, pullRequest, codeCommitRepository);
    GitOpsPlan plan;
    try (GitRepository git = GitRepository.open(repository.options.repository)) {
      if (offline) {
        plan = PlanBuilder.offline().plan(git, base, head, repository.paths());
      } else {
        try (AwsClients clients = AwsClients.create(aws.options.settings())) {
          plan = PlanBuilder.online(ImagePinner.using(clients)).plan(git, base, head, repository.paths());
        }
      }
    }
    String rendered = switch (chosen) {
      case "markdown" -> PlanRenderer.markdown(plan);
      case "json" -> PlanRenderer.json(plan);
      case "matrix" -> PlanMatrix.text(plan);
      default -> PlanRenderer.text(plan);
    };
    if (output != null) {
      try {
        Files.writeString(output, rendered, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write the plan to " + output + ": " + e.getMessage(), e);
      }
    } else {
      PrintWriter out = spec.commandLine().getOut();
      out.print(rendered);
      out.flush();
    }
    if (planComment != null) {
      planComment.post(PlanRenderer.markdown(plan), repository.paths(), aws.options.settings(), environment,
          spec.commandLine().getErr());
    }
    return ExitCode.ofProblems(plan.hasProblems()).code();
  }
}
