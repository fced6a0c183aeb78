package dev.sagemakergitops.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sagemakergitops.core.operation.FileStateStore;
import dev.sagemakergitops.core.operation.OperationInputException;
import dev.sagemakergitops.core.operation.ResolvedManifest;
import dev.sagemakergitops.core.operation.deploy.DeployRequest;
import dev.sagemakergitops.core.operation.shadow.ShadowTestOperation;
import dev.sagemakergitops.core.operation.shadow.ShadowTestRequest;
import dev.sagemakergitops.core.operation.transform.BatchTransformOperation;
import dev.sagemakergitops.core.operation.transform.BatchTransformRequest;
import dev.sagemakergitops.core.sync.SyncItem;
import dev.sagemakergitops.core.sync.SyncJournal;
import dev.sagemakergitops.core.sync.SyncPlanner;
import dev.sagemakergitops.core.sync.SyncRun;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.IExitCodeGenerator;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
    name = "sync",
    mixinStandardHelpOptions = true,
    description = {
        "Brings AWS in line with --ref (default HEAD): every manifest that changed since the commit its endpoint runs"
            + " (read from the endpoint's lineage tags in AWS, or compared with --base) gets, in order, its shadow test"
            + " when spec.shadowTest is set and the endpoint is live, its safe deploy, and each of its batch"
            + " transforms. Manifests are taken in path order; the first failure stops the sync with its exit code."
            + " An endpoint that already rolled back the very change asked for is not deployed again (exit 3). What"
            + " CodePipeline runs on the main branch.",
        ""},
    footerHeading = "%nExamples:%n",
    footer = {
        "  sagemaker-gitops sync",
        "  sagemaker-gitops sync --json --record-dir records/ > sync.json",
        "  sagemaker-gitops sync --ref \"$CODEBUILD_RESOLVED_SOURCE_VERSION\" --revert-branch revert/main models/",
        "  sagemaker-gitops sync --base \"$CODEBUILD_WEBHOOK_PREV_COMMIT\"   # transforms-only repositories"})
final class SyncCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @ParentCommand Main main;
  @Mixin RepositoryOptionsMixin repository;
  @Mixin OperationOptionsMixin run;
  @Mixin AwsOptionsMixin aws;

  @Option(names = "--base", paramLabel = "REF",
      description = "Compare the manifests with this commit instead of with what the endpoints run (default: the"
          + " commit each endpoint's lineage names).")
  String base;

  @Option(names = "--revert-branch", paramLabel = "BRANCH",
      description = "When SageMaker rolls a deployment back, write the revert of the commit that introduced the change"
          + " on BRANCH.")
  String revertBranch;

  @Override
  public Integer call() {
    CommandRuntime runtime = main == null ? CommandRuntime.system() : main.runtime();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter progress = run.options.json ? spec.commandLine().getErr() : out;
    try (OperationSession session = new OperationSession(runtime, run.options, aws.options,
        repository.options.repository, progress)) {
      String head = session.git().resolve(run.options.ref).id();
      if (base != null) {
        session.git().resolve(base);
      }
      List<SyncItem> items;
      SyncJournal journal = SyncJournal.open(session.folders().state(), head);
      try {
        List<ResolvedManifest> manifests = session.resolveAll(head, repository.paths());
        FileStateStore states = new FileStateStore(session.folders().state());
        items = new SyncPlanner(session.context(), session.git(), base, journal, (operation, manifest, parts) ->
            Files.exists(states.fileOf(StateKey.of(operation, manifest, parts)))).plan(manifests);
      } catch (OperationInputException refusal) {
        return report(new SyncReport(head, List.of(), List.of(finished(session.refused("sync", null, refusal)))));
      }
      if (!run.options.json) {
        printPlan(out, head, items);
      }
      return report(new SyncReport(head, items, SyncRun.run(items, journal, new Steps(session))));
    }
  }

  /** Each step as the command line runs it: through the session, its state in the state folder, printed as it ends. */
  private final class Steps implements SyncRun.Steps<OperationOutcome> {
    private final OperationSession session;

    Steps(OperationSession session) {
      this.session = session;
    }

    @Override
    public OperationOutcome blocked(SyncItem item) {
      return finished(OperationOutcome.failed(SyncItem.DEPLOY, item.manifest(), item.blocked()));
    }

    @Override
    public OperationOutcome run(SyncItem item, String step) {
      ResolvedManifest manifest = item.manifest();
      String transform = SyncItem.transformOf(step);
      if (step.equals(SyncItem.SHADOW)) {
        return finished(session.run(manifest, new ShadowTestOperation(session.context()),
            ShadowTestRequest.of(manifest), null, null, null));
      } else if (step.equals(SyncItem.DEPLOY)) {
        return finished(DeployCommand.deploy(session, manifest, DeployRequest.of(manifest), revertBranch));
      }
      return finished(session.run(manifest, new BatchTransformOperation(session.context()),
          BatchTransformRequest.of(manifest, transform), transform, null));
    }

    @Override
    public boolean succeeded(OperationOutcome outcome) {
      return outcome.succeeded();
    }

    @Override
    public boolean interrupted(OperationOutcome outcome) {
      return outcome.status() == OperationOutcome.Status.INTERRUPTED;
    }
  }

  /** In text mode prints {@code outcome} at once, so a build log reads in order. */
  private OperationOutcome finished(OperationOutcome outcome) {
    if (!run.options.json) {
      OutcomePrinter.text(outcome, spec.commandLine().getOut(), spec.commandLine().getErr());
    }
    return outcome;
  }

  /**
   * What a sync did: the plan and the runs in order; its exit code is the first run's that did not
   * succeed ({@link ExitCode#firstFailure}).
   */
  record SyncReport(String head, List<SyncItem> items, List<OperationOutcome> outcomes) implements IExitCodeGenerator {
    @Override
    public int getExitCode() {
      return ExitCode.firstFailure(outcomes).code();
    }
  }

  private void printPlan(PrintWriter out, String head, List<SyncItem> items) {
    long changed = items.stream().filter(SyncItem::changed).count();
    out.println("sync " + head.substring(0, 12) + ": " + changed + " of " + items.size()
        + (items.size() == 1 ? " manifest" : " manifests") + " changed");
    for (SyncItem item : items) {
      out.println("  " + item.manifest().origin().manifestPath() + " (" + item.manifest().name() + "): "
          + (item.changed() ? "changed: " : "unchanged: ") + item.reason()
          + (item.changed() ? " -> " + (item.blocked() != null ? "blocked" : item.stepsText()) : ""));
    }
    out.flush();
  }

  private int report(SyncReport report) {
    int exitCode = report.getExitCode();
    String head = report.head();
    List<OperationOutcome> outcomes = report.outcomes();
    PrintWriter out = spec.commandLine().getOut();
    if (run.options.json) {
      out.print(JsonOutput.text(json(head, report.items(), outcomes, exitCode)));
      out.flush();
      return exitCode;
    }
    long succeeded = outcomes.stream().filter(OperationOutcome::succeeded).count();
    out.println("sync: " + (outcomes.isEmpty() ? "nothing to run; AWS is in line with " + head.substring(0, 12)
        : succeeded + " of " + outcomes.size() + " runs succeeded" + (exitCode == ExitCode.SUCCESS.code() ? "" : "; stopped at the"
            + " first failure (exit " + exitCode + ")")));
    out.flush();
    return exitCode;
  }

  private ObjectNode json(String head, List<SyncItem> items, List<OperationOutcome> outcomes, int exitCode) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.put("schemaVersion", OutcomePrinter.SCHEMA_VERSION);
    root.put("command", "sync");
    root.put("commit", head);
    root.put("base", base);
    root.put("outcome", exitCode == ExitCode.SUCCESS.code() ? "succeeded"
        : outcomes.stream().filter(o -> !o.succeeded()).findFirst().orElseThrow().status().wireName());
    root.put("exitCode", exitCode);
    ArrayNode manifests = root.putArray("manifests");
    for (SyncItem item : items) {
      ObjectNode node = manifests.addObject();
      node.put("path", item.manifest().origin().manifestPath());
      node.put("name", item.manifest().name());
      node.put("endpoint", item.endpoint());
      node.put("deployedCommit", item.deployedCommit());
      node.put("changed", item.changed());
      node.put("reason", item.reason());
      ArrayNode steps = node.putArray("steps");
      item.steps().forEach(steps::add);
      node.put("blocked", item.blocked() != null);
    }
    ArrayNode runs = root.putArray("runs");
    outcomes.forEach(outcome -> runs.add(OutcomePrinter.outcomeJson(outcome)));
    return root;
  }
}
