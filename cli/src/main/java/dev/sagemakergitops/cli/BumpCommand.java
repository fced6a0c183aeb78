package dev.sagemakergitops.cli;

import dev.sagemakergitops.core.git.CommitResult;
import dev.sagemakergitops.core.git.GitRepository;
import dev.sagemakergitops.core.pullrequest.BranchPublisher;
import dev.sagemakergitops.core.pullrequest.PullRequestFacts;
import dev.sagemakergitops.core.pullrequest.PullRequestTexts;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
    name = "bump",
    mixinStandardHelpOptions = true,
    description = {
        "Writes the commit that points a manifest's spec.model.package at another model package version, on a branch,"
            + " ready for a pull request. Only that value changes: comments, quoting and every other byte stay. The"
            + " work tree, the index and the checked-out branch are not touched; nothing is pushed unless --push or"
            + " --open-pull-request asks. Makes no AWS call but the read-only look-ups of the pull request's text"
            + " (run 'validate' on the branch to check the version exists and is approved).",
        ""},
    footerHeading = "%nExamples:%n",
    footer = {
        "  sagemaker-gitops bump --to churn/8 --branch sagemaker-gitops/churn-prod-8 models/churn/prod.yaml",
        "  sagemaker-gitops bump --to churn/8 --branch bump/churn --ref origin/main --json models/churn/prod.yaml",
        "  sagemaker-gitops bump --variant B --to churn/9 --branch ab/churn-9 models/churn/prod.yaml",
        "  git push origin sagemaker-gitops/churn-prod-8   # then open the pull request",
        "  sagemaker-gitops bump --to churn/8 --branch bump/churn-prod --open-pull-request github models/churn/prod.yaml",
        "",
        "Exit codes:",
        "  0  the commit was written, or the manifest already names the version (no commit)",
        "  1  failure (Git could not write, the push or the pull request failed)",
        "  2  invalid input: the manifest, ref, branch or version is wrong; nothing was written"})
final class BumpCommand implements Callable<Integer> {
  private static final Pattern PACKAGE = Pattern.compile("[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}/[1-9][0-9]{0,8}");

  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @ParentCommand Main main;
  @Mixin RepositoryOptionsMixin repository;
  @Mixin PublishOptions publish;
  @Mixin AwsOptionsMixin aws;

  @Option(names = "--to", paramLabel = "GROUP/VERSION", required = true,
      description = "The model package version to point at, for example churn/8.")
  String newPackage;

  @Option(names = "--branch", paramLabel = "BRANCH", required = true,
      description = "The branch to write the commit on; created, or moved onto the new commit. Not the checked-out"
          + " branch.")
  String branch;

  @Option(names = "--ref", paramLabel = "REF", defaultValue = "HEAD",
      description = "The commit to build on (default: HEAD).")
  String ref;

  @Option(names = "--message", paramLabel = "TEXT",
      description = "The commit message (default: Bump <metadata.name> to model package <GROUP/VERSION>).")
  String message;

  @Option(names = "--variant", paramLabel = "NAME",
      description = "Bump this production variant's own model (spec.endpoint.variants[].model.package) instead of"
          + " spec.model.package; a variant serving spec.model gets a model block with the package.")
  String variant;

  @Option(names = "--json", description = "Print the result as JSON.")
  boolean json;

  @Override
  public Integer call() {
    if (!PACKAGE.matcher(newPackage).matches()) {
      throw new InvalidInputException("--to: expected a model package version as <group>/<version>, such as churn/8,"
          + " got '" + newPackage + "'");
    }
    List<String> paths = repository.paths();
    if (paths.size() != 1) {
      throw new InvalidInputException("expected the path of the one manifest to bump, such as models/churn/prod.yaml;"
          + " got " + (paths.isEmpty() ? "none" : paths.size() + ": " + String.join(", ", paths)));
    }
    BranchPublisher.Request publishing = publish.requestOrNull("--branch", branch);
    CommandRuntime runtime = main == null ? CommandRuntime.system() : main.runtime();
    CommitResult result;
    try (GitRepository git = GitRepository.open(repository.options.repository, runtime.clock())) {
      String start = git.resolve(ref).id();
      result = variant == null ? git.bumpPackageVersion(branch, start, paths.get(0), newPackage, null, message)
          : git.bumpVariantPackageVersion(branch, start, paths.get(0), variant, newPackage, null, message);
    }
    Map<String, Object> published = publishing == null ? Map.of() : publish(runtime, publishing, result, paths.get(0));
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      Map<String, Object> root = new LinkedHashMap<>();
      root.put("schemaVersion", OutcomePrinter.SCHEMA_VERSION);
      root.put("command", "bump");
      root.put("manifest", paths.get(0));
      root.put("package", newPackage);
      if (variant != null) {
        root.put("variant", variant);
      }
      root.put("changed", result.changed());
      root.put("branch", result.shortBranchName());
      root.put("commit", result.commitId());
      root.put("parent", result.parentId());
      root.putAll(published);
      out.print(JsonOutput.text(root));
    } else if (result.changed()) {
      out.println("Wrote " + result.commitId().substring(0, 12) + " on " + result.shortBranchName() + ": "
          + paths.get(0) + (variant == null ? " spec.model.package" : " variant " + variant + " model.package")
          + " -> " + newPackage);
    } else {
      out.println(paths.get(0) + " already names " + newPackage + " at " + ref + "; no commit written");
    }
    if (!published.isEmpty()) {
      out.println(BranchPublishing.summary(published));
    }
    out.flush();
    return ExitCode.SUCCESS.code();
  }

  /**
   * Pushes the branch and opens or updates its pull request. Nothing is pushed when no commit was
   * written: the base already names the version, so there is nothing to review.
   */
  private Map<String, Object> publish(CommandRuntime runtime, BranchPublisher.Request request, CommitResult result,
      String manifestPath) {
    if (!result.changed()) {
      return Map.of();
    }
    OperationOptions options = new OperationOptions();
    options.ref = ref;
    try (OperationSession session = new OperationSession(runtime, options, aws.options,
        repository.options.repository, spec.commandLine().getErr())) {
      return BranchPublishing.publish(session.git(), result.shortBranchName(), request, runtime, aws.options.settings(),
          () -> session.clients().credentialsProvider(), base -> PullRequestTexts.bump(
              new PullRequestFacts(session.clients()).bump(session.git(), result.commitId(), manifestPath, newPackage),
              result.shortBranchName(), base));
    }
  }
}
