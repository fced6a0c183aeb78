package dev.sagemakergitops.cli;

import dev.sagemakergitops.core.cleanup.DeployCleanUp;
import dev.sagemakergitops.core.operation.OperationFailure;
import dev.sagemakergitops.core.operation.ResolvedManifest;
import dev.sagemakergitops.core.operation.deploy.DeployRequest;
import dev.sagemakergitops.core.operation.deploy.SafeDeployOperation;
import dev.sagemakergitops.core.revert.RollbackRevert;
import dev.sagemakergitops.core.status.SyncState;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "deploy",
    mixinStandardHelpOptions = true,
    description = {
        "Deploys a manifest's model package version to its endpoint through SageMaker's own guardrails (safeDeploy):"
            + " all at once, canary, linear or rolling, baking and watching the rollback alarms, then verifies the"
            + " endpoint serves exactly the requested configuration and image digest. When SageMaker rolls the"
            + " deployment back the command exits 3, names the alarms and reason, and with --revert-branch writes"
            + " the commit that reverts the change. With spec.endpoint.smokeTest, the smoke-test requests are sent"
            + " once the endpoint is verified; a failure exits 5 and puts an updated endpoint back (with"
            + " --revert-branch, the revert is written as after a rollback). Progress lines show the phase, the traffic step and the bake time"
            + " left.",
        ""},
    footerHeading = "%nExamples:%n",
    footer = {
        "  sagemaker-gitops deploy models/churn/prod.yaml",
        "  sagemaker-gitops deploy --revert-branch revert/churn-prod --json models/churn/prod.yaml > deploy.json",
        "  sagemaker-gitops deploy --clean-up --keep-commits 20 --conflict-wait 0 models/churn/prod.yaml"})
final class DeployCommand extends OperationCommand {

  @Option(names = "--revert-branch", paramLabel = "BRANCH",
      description = "When SageMaker rolls the deployment back, write the revert of the commit that introduced the"
          + " change on BRANCH, ready for a pull request that brings Git back in line with the endpoint.")
  String revertBranch;

  @Option(names = "--conflict-wait", paramLabel = "DURATION", converter = DurationConverter.class,
      defaultValue = "30m", description = "How long to wait for another deployment of the endpoint to finish before"
          + " failing (default: 30m; 0 fails at once).")
  Duration conflictWait;

  @Option(names = "--despite-alarms",
      description = "Deploy even when a rollback alarm is already in ALARM (by default the deploy is refused before"
          + " anything changes: SageMaker would roll it back at its first bake and blame the new model).")
  boolean despiteAlarms;

  @Option(names = "--clean-up",
      description = "After a successful deploy, delete this manifest's models and endpoint configurations that none of"
          + " the last --keep-commits commits resolves to (default: delete nothing).")
  boolean cleanUp;

  @Option(names = "--keep-commits", paramLabel = "N", defaultValue = "" + DeployCleanUp.DEFAULT_KEEP_COMMITS,
      description = "With --clean-up: keep what the manifest resolved to in this many commits (default: 10), so a"
          + " revert that far back reuses its resources.")
  int keepCommits;

  @Override
  String operationName() {
    return "safeDeploy";
  }

  @Override
  OperationOutcome execute(OperationSession session) {
    if (keepCommits < 1) {
      throw new InvalidInputException("--keep-commits: expected 1 or more, got " + keepCommits);
    }
    ResolvedManifest manifest = session.resolveOne(paths());
    return deploy(session, manifest, request(session, manifest), revertBranch);
  }

  private DeployRequest request(OperationSession session, ResolvedManifest manifest) {
    DeployRequest request = DeployRequest.of(manifest).withConflictWait(conflictWait).withDespiteAlarms(despiteAlarms);
    if (!cleanUp) {
      return request;
    }
    return request.withCleanUp(DeployCleanUp.keepingLast(session.context(), session.git(), manifest, keepCommits));
  }

  /**
   * Runs the deploy; after a rollback, writes the revert on {@code revertBranch} when one is given
   * and the commit to revert is known. Shared with {@code sync}.
   */
  static OperationOutcome deploy(OperationSession session, ResolvedManifest manifest, DeployRequest request,
      String revertBranch) {
    return afterDeploy(session, manifest, session.run(manifest, operation(session), request), revertBranch);
  }

  /** The safe deploy as {@code deploy} and {@code sync} run it. */
  static SafeDeployOperation operation(OperationSession session) {
    return new SafeDeployOperation(session.context(), session.git()::descendsFrom);
  }

  /**
   * {@code outcome} of a deploy, with the revert written on {@code revertBranch} after a rollback (a
   * failed smoke test puts an updated endpoint back like a rollback does, so it offers the same revert).
   */
  static OperationOutcome afterDeploy(OperationSession session, ResolvedManifest manifest, OperationOutcome outcome,
      String revertBranch) {
    if (revertBranch == null || outcome.failure() == null
        || (outcome.failure().kind() != OperationFailure.Kind.ROLLED_BACK
            && outcome.failure().kind() != OperationFailure.Kind.SMOKE_TEST_FAILED)) {
      return outcome;
    }
    return outcome.withFollowUp("revert", revertFields(new RollbackRevert(session.context())
        .afterRollback(manifest, session.git(), revertBranch)));
  }

  /** The revert as the JSON document and the text summary show it: written, or why not. */
  static Map<String, Object> revertFields(RollbackRevert.Attempt attempt) {
    Map<String, Object> revert = new LinkedHashMap<>();
    revert.put("branch", attempt.branch());
    if (attempt.commit() == null) {
      revert.put("written", false);
      revert.put("reason", attempt.status().state() != SyncState.ROLLED_BACK ? "endpoint "
          + attempt.status().endpointName() + " is " + attempt.status().state() + " now" : "the commit that introduced"
          + " the rolled-back change is not in this repository's history (a shallow clone?); revert it by hand");
      return revert;
    }
    revert.put("written", attempt.commit().changed());
    revert.put("reverts", attempt.status().offendingCommit());
    revert.put("commit", attempt.commit().commitId());
    return revert;
  }
}
