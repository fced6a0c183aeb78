package dev.sagemakergitops.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sagemakergitops.core.operation.OperationInputException;
import dev.sagemakergitops.core.operation.ResolvedManifest;
import dev.sagemakergitops.core.operation.deploy.DeployRequest;
import dev.sagemakergitops.core.operation.shadow.ShadowTestOperation;
import dev.sagemakergitops.core.operation.shadow.ShadowTestRequest;
import dev.sagemakergitops.core.operation.transform.BatchTransformOperation;
import dev.sagemakergitops.core.operation.transform.BatchTransformRequest;
import dev.sagemakergitops.core.sync.SyncJournal;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
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
      List<OperationOutcome> outcomes = new ArrayList<>();
      SyncJournal journal = SyncJournal.open(session.folders().state(), head);
      try {
        List<ResolvedManifest> manifests = session.resolveAll(head, repository.paths());
        items = new SyncPlanner(session, base, journal).plan(manifests);
      } catch (OperationInputException refusal) {
        finished(session.refused("sync", null, refusal), outcomes);
        return report(head, List.of(), outcomes);
      }
      if (!run.options.json) {
        printPlan(out, head, items);
      }
      Map<String, List<String>> owed = new LinkedHashMap<>();
      items.stream().filter(i -> i.changed() && i.blocked() == null)
          .forEach(i -> owed.put(i.manifest().origin().manifestPath(), i.steps()));
      journal.plan(owed);
      for (SyncItem item : items) {
        if (!runSteps(session, item, outcomes, journal)) {
          break;
        }
      }
      if (outcomes.stream().noneMatch(o -> o.status() == OperationOutcome.Status.INTERRUPTED)) {
        journal.finish();
      }
      return report(head, items, outcomes);
    }
  }

  /** Runs {@code item}'s steps in order; false when one did not succeed (the sync stops). */
  private boolean runSteps(OperationSession session, SyncItem item, List<OperationOutcome> outcomes,
      SyncJournal journal) {
    if (item.blocked() != null) {
      finished(OperationOutcome.failed(SyncItem.DEPLOY, item.manifest(), item.blocked()), outcomes);
      return false;
    }
    ResolvedManifest manifest = item.manifest();
    for (String step : item.steps()) {
      OperationOutcome outcome;
      if (step.equals(SyncItem.SHADOW)) {
        outcome = session.run(manifest, new ShadowTestOperation(session.context()), ShadowTestRequest.of(manifest),
            null, null, null);
      } else if (step.equals(SyncItem.DEPLOY)) {
        outcome = DeployCommand.deploy(session, manifest, DeployRequest.of(manifest), revertBranch);
      } else {
        String transform = step.substring(SyncItem.TRANSFORM.length());
        outcome = session.run(manifest, new BatchTransformOperation(session.context()),
            BatchTransformRequest.of(manifest, transform), transform, null);
      }
      finished(outcome, outcomes);
      if (!outcome.succeeded()) {
        return false;
      }
      journal.done(manifest.origin().manifestPath(), step);
    }
    return true;
  }

  /** Keeps {@code outcome}; in text mode prints it at once, so a build log reads in order. */
  private void finished(OperationOutcome outcome, List<OperationOutcome> outcomes) {
    outcomes.add(outcome);
    if (!run.options.json) {
      OutcomePrinter.text(outcome, spec.commandLine().getOut(), spec.commandLine().getErr());
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

  private int report(String head, List<SyncItem> items, List<OperationOutcome> outcomes) {
    int exitCode = outcomes.stream().filter(o -> !o.succeeded()).findFirst().map(OperationOutcome::exitCode)
        .orElse(ExitCodes.SUCCESS);
    PrintWriter out = spec.commandLine().getOut();
    if (run.options.json) {
      out.print(JsonOutput.text(json(head, items, outcomes, exitCode)));
      out.flush();
      return exitCode;
    }
    long succeeded = outcomes.stream().filter(OperationOutcome::succeeded).count();
    out.println("sync: " + (outcomes.isEmpty() ? "nothing to run; AWS is in line with " + head.substring(0, 12)
        : succeeded + " of " + outcomes.size() + " runs succeeded" + (exitCode == 0 ? "" : "; stopped at the"
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
    root.put("outcome", exitCode == ExitCodes.SUCCESS ? "succeeded"
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
