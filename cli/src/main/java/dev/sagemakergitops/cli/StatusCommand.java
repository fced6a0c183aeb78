package dev.sagemakergitops.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sagemakergitops.core.aws.ImagePinner;
import dev.sagemakergitops.core.operation.ManifestResolver;
import dev.sagemakergitops.core.pullrequest.BranchPublisher;
import dev.sagemakergitops.core.pullrequest.PullRequestFacts;
import dev.sagemakergitops.core.pullrequest.PullRequestTexts;
import dev.sagemakergitops.core.revert.RollbackRevert;
import dev.sagemakergitops.core.status.EndpointStatusCheck;
import dev.sagemakergitops.core.status.EndpointSyncStatus;
import dev.sagemakergitops.core.status.SyncState;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = {
        "Compares each endpoint of the manifests at --ref with what it serves: in sync, out of sync (a deploy would"
            + " change it), updating, or rolled back (SageMaker undid the last deployment, so Git and the endpoint"
            + " differ). For a rollback it names the commit that introduced the change and, with"
            + " --write-revert-branch, writes its revert on a branch for a pull request. Reads only (AWS is never"
            + " changed).",
        ""},
    footerHeading = "%nExamples:%n",
    footer = {
        "  sagemaker-gitops status",
        "  sagemaker-gitops status --json models/churn/prod.yaml",
        "  sagemaker-gitops status --write-revert-branch revert/churn-prod && git push origin revert/churn-prod",
        "  sagemaker-gitops status --write-revert-branch revert/churn-prod --open-pull-request github",
        "",
        "Exit codes:",
        "  0  no endpoint was rolled back (with --fail-on-drift: every endpoint is in sync)",
        "  1  failure (AWS or Git could not be reached); with --fail-on-drift also: an endpoint is out of sync or"
            + " updating",
        "  2  invalid input: a manifest, a ref or an argument is wrong",
        "  3  rolled back: an endpoint no longer serves what sagemaker-gitops last deployed to it"})
final class StatusCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @ParentCommand Main main;
  @Mixin RepositoryOptionsMixin repository;
  @Mixin AwsOptionsMixin aws;
  @Mixin PublishOptions publish;

  @Option(names = "--ref", paramLabel = "REF", defaultValue = "HEAD",
      description = "Commit, branch or tag to read the manifests at (default: HEAD).")
  String ref;

  @Option(names = "--write-revert-branch", paramLabel = "BRANCH",
      description = "For each rolled-back endpoint, write the revert of the commit that introduced the change on"
          + " BRANCH (built on --ref); the work tree and the checked-out branch are not touched.")
  String revertBranch;

  @Option(names = "--fail-on-drift", description = "Exit 1 when an endpoint is out of sync or updating.")
  boolean failOnDrift;

  @Option(names = "--json", description = "Print the status as JSON.")
  boolean json;

  @Override
  public Integer call() {
    BranchPublisher.Request publishing = publish.requestOrNull("--write-revert-branch", revertBranch);
    OperationOptions options = new OperationOptions();
    options.ref = ref;
    CommandRuntime runtime = main == null ? CommandRuntime.system() : main.runtime();
    try (OperationSession session = new OperationSession(runtime, options, aws.options,
        repository.options.repository, spec.commandLine().getErr())) {
      EndpointStatusCheck check = new EndpointStatusCheck(session.context());
      String commit = session.git().resolve(ref).id();
      List<EndpointSyncStatus> statuses = check.check(session.git(), commit, repository.paths(),
          new ManifestResolver(ImagePinner.using(session.clients())));
      List<Map<String, Object>> reverts = new ArrayList<>();
      List<RollbackRevert.Attempt> written = new ArrayList<>();
      if (revertBranch == null) {
        statuses.forEach(status -> reverts.add(null));
      } else {
        for (RollbackRevert.Attempt attempt : new RollbackRevert(session.context()).revertAll(session.git(), statuses,
            revertBranch, commit)) {
          reverts.add(attempt.status().state() == SyncState.ROLLED_BACK ? DeployCommand.revertFields(attempt) : null);
          if (attempt.written()) {
            written.add(attempt);
          }
        }
      }
      Map<String, Object> published = publishing == null || written.isEmpty() ? Map.of()
          : publish(session, runtime, publishing, written);
      int exitCode = ExitCode.ofEndpoints(statuses, failOnDrift).code();
      print(commit, statuses, reverts, published, exitCode);
      return exitCode;
    }
  }

  /**
   * Pushes the revert branch and opens or updates its pull request. The status is what the command
   * reports, so a failure here is a warning on standard error and a {@code push} field saying it
   * did not happen; the exit code stays the endpoints'.
   */
  private Map<String, Object> publish(OperationSession session, CommandRuntime runtime,
      BranchPublisher.Request publishing, List<RollbackRevert.Attempt> written) {
    String branch = written.get(0).commit().shortBranchName();
    String tip = written.get(written.size() - 1).commit().commitId();
    try {
      return BranchPublishing.publish(session.git(), branch, publishing, runtime, aws.options.settings(),
          () -> session.clients().credentialsProvider(), base -> PullRequestTexts.reverts(written.stream()
              .map(attempt -> new PullRequestFacts(session.clients()).revert(attempt.status(), session.git(),
                  attempt.commit().commitId()))
              .toList(), branch, base));
    } catch (RuntimeException failed) {
      String message = CommandFailure.of(failed).message();
      PrintWriter err = spec.commandLine().getErr();
      err.println("warning: the revert branch " + branch + " (" + tip.substring(0, 12) + ") was not pushed: " + message);
      err.flush();
      return Map.of("push", Map.of("pushed", false, "error", message));
    }
  }

  private void print(String commit, List<EndpointSyncStatus> statuses, List<Map<String, Object>> reverts,
      Map<String, Object> published, int exitCode) {
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      ObjectNode root = JsonNodeFactory.instance.objectNode();
      root.put("schemaVersion", OutcomePrinter.SCHEMA_VERSION);
      root.put("command", "status");
      root.put("commit", commit);
      root.put("inSync", statuses.stream().allMatch(s -> s.state() == SyncState.IN_SYNC));
      root.put("exitCode", exitCode);
      ArrayNode endpoints = root.putArray("endpoints");
      for (int i = 0; i < statuses.size(); i++) {
        ObjectNode node = (ObjectNode) JsonOutput.tree(statuses.get(i));
        node.set("revert", JsonOutput.tree(reverts.get(i)));
        endpoints.add(node);
      }
      published.forEach((name, value) -> root.set(name, JsonOutput.tree(value)));
      out.print(JsonOutput.text(root));
    } else {
      if (statuses.isEmpty()) {
        out.println("No manifest with an endpoint at " + commit.substring(0, 12) + ".");
      }
      for (int i = 0; i < statuses.size(); i++) {
        EndpointSyncStatus status = statuses.get(i);
        out.println(status.endpointName() + " (" + status.manifestPath() + "): " + status.state() + ": "
            + status.reason());
        if (status.variantModels() != null) {
          out.println("  variants: " + status.variantModels().entrySet().stream()
              .map(e -> e.getKey() + " " + e.getValue()).collect(java.util.stream.Collectors.joining(", ")));
        }
        if (reverts.get(i) != null) {
          out.println("  revert: " + String.join(", ", OutcomePrinter.fieldLines(JsonOutput.tree(reverts.get(i)))));
        }
      }
      if (published.containsKey("pullRequest") || published.get("push") instanceof Map<?, ?> push
          && push.containsKey("action")) {
        out.println(BranchPublishing.summary(published));
      }
    }
    out.flush();
  }
}
