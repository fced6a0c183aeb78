package dev.sagemakergitops.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sagemakergitops.core.aws.ClientRateLimits;
import dev.sagemakergitops.core.operation.FileStateStore;
import dev.sagemakergitops.core.operation.OperationInputException;
import dev.sagemakergitops.core.operation.ResolvedManifest;
import dev.sagemakergitops.core.operation.deploy.DeployRequest;
import dev.sagemakergitops.core.operation.shadow.ShadowTestOperation;
import dev.sagemakergitops.core.operation.shadow.ShadowTestRequest;
import dev.sagemakergitops.core.operation.transform.BatchTransformOperation;
import dev.sagemakergitops.core.operation.transform.BatchTransformRequest;
import dev.sagemakergitops.core.schedule.WakeUpScheduler;
import dev.sagemakergitops.core.sync.ParallelSyncRun;
import dev.sagemakergitops.core.sync.SyncItem;
import dev.sagemakergitops.core.sync.SyncJournal;
import dev.sagemakergitops.core.sync.SyncPlanner;
import dev.sagemakergitops.core.sync.SyncRun;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
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
            + " With --parallel N, up to N manifests run at once (each one's steps still in order, never two on one"
            + " endpoint), a failure stops only its own manifest, and the exit code is the most severe outcome."
            + " An endpoint that already rolled back the very change asked for is not deployed again (exit 3). What"
            + " CodePipeline runs on the main branch.",
        ""},
    footerHeading = "%nExamples:%n",
    footer = {
        "  sagemaker-gitops sync",
        "  sagemaker-gitops sync --json --record-dir records/ > sync.json",
        "  sagemaker-gitops sync --parallel 8 --fail-fast",
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

  @Option(names = "--parallel", paramLabel = "N", defaultValue = "1",
      description = "Run up to N manifests at once (default: 1, one after the other, stopping at the first failure)."
          + " Each manifest's shadow test, deploy and transforms stay in order, two manifests of one endpoint never"
          + " run at once, one process follows them all with a few threads, and AWS calls are kept under"
          + " per-service rate limits (" + ClientRateLimits.VARIABLE + ", docs/operations.md).")
  int parallel;

  @Option(names = "--fail-fast",
      description = "With --parallel: start no manifest after the first failure; those already running are followed"
          + " to their end (stopping them midway would leave endpoints mid-deployment), the rest are reported as not"
          + " started.")
  boolean failFast;

  @Override
  public Integer call() {
    CommandRuntime runtime = main == null ? CommandRuntime.system() : main.runtime();
    if (parallel < 1) {
      throw new InvalidInputException("--parallel: expected 1 or more, got " + parallel);
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter progress = run.options.json ? spec.commandLine().getErr() : out;
    try (OperationSession session = new OperationSession(runtime, run.options, aws.options,
        repository.options.repository, progress)) {
      if (parallel > 1) {
        session.limitRates(rateLimits(runtime));
      }
      String head = session.git().resolve(run.options.ref).id();
      if (base != null) {
        session.git().resolve(base);
      }
      List<SyncItem> items;
      SyncJournal journal = SyncJournal.open(session.folders().state(), head);
      try {
        List<ResolvedManifest> manifests = session.resolveAll(head, repository.paths());
        FileStateStore states = session.states();
        items = new SyncPlanner(session.context(), session.git(), base, journal, (operation, manifest, parts) ->
            Files.exists(states.fileOf(StateKey.of(operation, manifest, parts)))).plan(manifests, parallel > 1 ? PLANNING_READERS : 1);
      } catch (OperationInputException refusal) {
        return report(new SyncReport(head, List.of(), List.of(finished(session.refused("sync", null, refusal)))));
      }
      if (!run.options.json) {
        printPlan(out, head, items);
      }
      if (parallel > 1) {
        return reportParallel(new ParallelSyncReport(head, items, runParallel(session, items, journal)));
      }
      return report(new SyncReport(head, items, SyncRun.run(items, journal, new Steps(session))));
    }
  }

  /** What both ways of running a sync's steps read the same way: how an outcome ended. */
  private abstract static class OutcomeSteps {
    final OperationSession session;

    OutcomeSteps(OperationSession session) {
      this.session = session;
    }

    /** The outcome of an item blocked because its endpoint already rolled back this change. */
    static OperationOutcome blockedOutcome(SyncItem item) {
      return OperationOutcome.failed(SyncItem.DEPLOY, item.manifest(), item.blocked());
    }

    public boolean succeeded(OperationOutcome outcome) {
      return outcome.succeeded();
    }

    public boolean interrupted(OperationOutcome outcome) {
      return outcome.status() == OperationOutcome.Status.INTERRUPTED;
    }
  }

  /** Each step as the command line runs it: through the session, its state in the state folder, printed as it ends. */
  private final class Steps extends OutcomeSteps implements SyncRun.Steps<OperationOutcome> {
    Steps(OperationSession session) {
      super(session);
    }

    @Override
    public OperationOutcome blocked(SyncItem item) {
      return finished(blockedOutcome(item));
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
  }

  /**
   * The rate limits of a parallel sync: {@code SAGEMAKER_GITOPS_RATE_LIMITS}, else the defaults; off
   * on simulated time (tests, {@code SAGEMAKER_GITOPS_SIMULATED_TIME=local}), whose seconds are not
   * AWS's: a limit in real seconds would only slow the simulation down.
   */
  private static ClientRateLimits rateLimits(CommandRuntime runtime) {
    String setting = runtime.variable(ClientRateLimits.VARIABLE);
    if (setting == null) {
      boolean simulated = !runtime.clock().equals(java.time.Clock.systemUTC());
      return simulated ? ClientRateLimits.none() : ClientRateLimits.defaults();
    }
    try {
      return ClientRateLimits.parse(setting);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(ClientRateLimits.VARIABLE + ": " + e.getMessage());
    }
  }

  /**
   * How many endpoints a parallel sync reads at once while it plans, whatever N: planning only reads
   * (lineage, health), each read waits on the network, and the rate limits still hold the calls.
   */
  static final int PLANNING_READERS = 16;

  /** The workers of a parallel sync: one per chain up to 16; each poll is a short call, so more would only wait. */
  static int workers(int parallel) {
    return Math.min(parallel, 16);
  }

  private List<ParallelSyncRun.ChainResult<OperationOutcome>> runParallel(OperationSession session,
      List<SyncItem> items, SyncJournal journal) {
    session.context(); // built here, once, before the workers share it
    WakeUpScheduler scheduler = new WakeUpScheduler(session.runtime().clock(), session.runtime().sleeper(),
        workers(parallel));
    long changed = items.stream().filter(SyncItem::changed).count();
    try (InterruptNotice notice = InterruptNotice.install("sync", "sync --parallel " + parallel, changed
        + (changed == 1 ? " manifest" : " manifests"), session.folders().state(), run.options.json)) {
      return ParallelSyncRun.run(items, journal, new ScheduledSteps(session), parallel, failFast, scheduler);
    } catch (InterruptedException e) {
      // The running steps were cancelled and saved; the journal stays, and the same command resumes them.
      Thread.currentThread().interrupt();
      throw new IllegalStateException("sync interrupted: run the same command again to resume", e);
    }
  }

  /** Each step as a parallel sync runs it: woken by the scheduler, its lines prefixed with the manifest's name. */
  private final class ScheduledSteps extends OutcomeSteps implements ParallelSyncRun.Steps<OperationOutcome> {
    /** Reverts after rollbacks write to the one repository: one at a time. */
    private final Object git = new Object();

    ScheduledSteps(OperationSession session) {
      super(session);
    }

    @Override
    public OperationOutcome blocked(SyncItem item) {
      return printed(blockedOutcome(item));
    }

    @Override
    public ParallelSyncRun.StepRun<OperationOutcome> start(SyncItem item, String step) {
      ResolvedManifest manifest = item.manifest();
      String prefix = "[" + manifest.name() + "] ";
      String transform = SyncItem.transformOf(step);
      OperationSession.ScheduledOperation started;
      if (step.equals(SyncItem.SHADOW)) {
        started = session.start(manifest, new ShadowTestOperation(session.context()), ShadowTestRequest.of(manifest),
            prefix, UnaryOperator.identity(), null, null, null);
      } else if (step.equals(SyncItem.DEPLOY)) {
        started = session.start(manifest, DeployCommand.operation(session), DeployRequest.of(manifest), prefix,
            outcome -> {
              synchronized (git) {
                return DeployCommand.afterDeploy(session, manifest, outcome, revertBranch);
              }
            });
      } else {
        started = session.start(manifest, new BatchTransformOperation(session.context()),
            BatchTransformRequest.of(manifest, transform), prefix, UnaryOperator.identity(), transform, null);
      }
      return new PrintedRun(started);
    }
  }

  /** A step's run that prints its outcome, in one piece, when it ends. */
  private final class PrintedRun implements ParallelSyncRun.StepRun<OperationOutcome> {
    private final OperationSession.ScheduledOperation run;

    PrintedRun(OperationSession.ScheduledOperation run) {
      this.run = run;
    }

    @Override
    public Optional<Duration> wake() {
      Optional<Duration> wait = run.wake();
      if (wait.isEmpty()) {
        printed(run.outcome());
      }
      return wait;
    }

    @Override
    public void interrupted() {
      run.interrupted();
      printed(run.outcome());
    }

    @Override
    public OperationOutcome outcome() {
      return run.outcome();
    }
  }

  /**
   * In text mode prints {@code outcome} as one piece on each stream, so the lines of runs that end
   * at the same time never mix.
   */
  private OperationOutcome printed(OperationOutcome outcome) {
    if (!run.options.json) {
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      OutcomePrinter.text(outcome, new PrintWriter(out), new PrintWriter(err));
      synchronized (this) {
        spec.commandLine().getOut().print(out);
        spec.commandLine().getOut().flush();
        spec.commandLine().getErr().print(err);
        spec.commandLine().getErr().flush();
      }
    }
    return outcome;
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

  /**
   * What a parallel sync did: the plan, and each item's chain; its exit code is the most severe
   * outcome's ({@link ExitCode#mostSevere}, order in docs/cli.md).
   */
  record ParallelSyncReport(String head, List<SyncItem> items, List<ParallelSyncRun.ChainResult<OperationOutcome>> chains)
      implements IExitCodeGenerator {
    List<OperationOutcome> outcomes() {
      return chains.stream().flatMap(chain -> chain.outcomes().stream()).toList();
    }

    @Override
    public int getExitCode() {
      return ExitCode.mostSevere(outcomes()).code();
    }
  }

  /** One manifest's outcome in a parallel sync, as the summary and {@code manifests[].outcome} say it. */
  private static String outcomeOf(ParallelSyncRun.ChainResult<OperationOutcome> chain) {
    if (!chain.item().changed()) {
      return "unchanged";
    }
    if (!chain.started()) {
      return "notStarted";
    }
    return chain.outcomes().stream().filter(o -> !o.succeeded()).findFirst().map(o -> o.status().wireName())
        .orElse(chain.outcomes().size() == chain.item().steps().size() ? "succeeded" : "interrupted");
  }

  private int reportParallel(ParallelSyncReport report) {
    int exitCode = report.getExitCode();
    List<OperationOutcome> outcomes = report.outcomes();
    PrintWriter out = spec.commandLine().getOut();
    if (run.options.json) {
      ObjectNode root = json(report.head(), report.items(), outcomes, exitCode);
      if (exitCode != ExitCode.SUCCESS.code()) {
        root.put("outcome", outcomes.stream().filter(o -> o.getExitCode() == exitCode).findFirst().orElseThrow()
            .status().wireName());
      }
      root.put("parallel", parallel);
      root.put("failFast", failFast);
      for (int i = 0; i < report.chains().size(); i++) {
        ParallelSyncRun.ChainResult<OperationOutcome> chain = report.chains().get(i);
        ObjectNode manifest = (ObjectNode) root.get("manifests").get(i);
        manifest.put("outcome", outcomeOf(chain));
        manifest.put("exitCode", ExitCode.mostSevere(chain.outcomes()).code());
      }
      out.print(JsonOutput.text(root));
      out.flush();
      return exitCode;
    }
    long succeeded = outcomes.stream().filter(OperationOutcome::succeeded).count();
    out.println("sync --parallel " + parallel + ": " + (outcomes.isEmpty() ? "nothing to run; AWS is in line with "
        + report.head().substring(0, 12) : succeeded + " of " + outcomes.size() + " runs succeeded"
        + (exitCode == ExitCode.SUCCESS.code() ? "" : " (exit " + exitCode + ", the most severe outcome)")));
    for (ParallelSyncRun.ChainResult<OperationOutcome> chain : report.chains()) {
      if (chain.item().changed()) {
        String outcome = outcomeOf(chain);
        OperationOutcome last = chain.outcomes().isEmpty() ? null : chain.outcomes().get(chain.outcomes().size() - 1);
        out.println("  " + chain.item().manifest().origin().manifestPath() + " (" + chain.item().manifest().name()
            + "): " + outcome + (last != null && !last.succeeded() ? " at " + last.operation() + " (exit "
            + last.getExitCode() + ")" : "") + (outcome.equals("notStarted") ? " (--fail-fast)" : ""));
      }
    }
    out.flush();
    return exitCode;
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
