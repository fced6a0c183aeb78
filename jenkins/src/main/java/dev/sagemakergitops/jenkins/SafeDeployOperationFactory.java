package dev.sagemakergitops.jenkins;

import dev.sagemakergitops.core.cleanup.DeployCleanUp;
import dev.sagemakergitops.core.git.GitRepository;
import dev.sagemakergitops.core.git.GitRevertConflictException;
import dev.sagemakergitops.core.lineage.RecordedResource;
import dev.sagemakergitops.core.operation.OperationContext;
import dev.sagemakergitops.core.operation.OperationFailure;
import dev.sagemakergitops.core.operation.ResolvedManifest;
import dev.sagemakergitops.core.operation.deploy.CleanUp;
import dev.sagemakergitops.core.operation.deploy.CommitAncestry;
import dev.sagemakergitops.core.operation.deploy.DeployRequest;
import dev.sagemakergitops.core.operation.deploy.DeployResult;
import dev.sagemakergitops.core.operation.deploy.DeployState;
import dev.sagemakergitops.core.operation.deploy.SafeDeployOperation;
import dev.sagemakergitops.core.operation.model.ServingModel;
import dev.sagemakergitops.core.pullrequest.PullRequestFacts;
import dev.sagemakergitops.core.pullrequest.PullRequestTexts;
import dev.sagemakergitops.core.revert.RollbackRevert;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Wires {@code safeDeploy} to core's {@link SafeDeployOperation}. With {@code cleanUp}, the models and
 * endpoint configurations that the manifest resolved to in the last {@code keepCommits} commits
 * (default {@value #DEFAULT_KEEP_COMMITS}) of the build's first-parent history are kept
 * ({@link DeployCleanUp#keepingLast}, read from the Git repository on the controller before
 * anything changes). With {@code revertBranch}, a deployment SageMaker rolled back gets the commit
 * that reverts the offending change written on that branch ({@link RollbackRevert}), pushed and
 * opened as a pull request with {@code push}/{@code openPullRequest} ({@link PullRequestOptions}).
 * Like the command line, it gives the operation Git's commit order ({@link CommitAncestry}), so a run
 * that waited for another pipeline's deployment of a newer commit stops "superseded by" it instead
 * of putting its older commit back.
 *
 * <p>Returns {@code endpointName}, {@code endpointArn}, {@code endpointConfigName}, {@code modelName},
 * {@code modelPackageArn}, {@code imageDigest} (verified on every variant), {@code change}
 * ({@code CREATED}, {@code UPDATED}, {@code UNCHANGED}), {@code previousEndpointConfigName},
 * {@code alarmsSeen} and {@code deleted} (what the clean-up deleted).
 */
final class SafeDeployOperationFactory implements OperationFactory {
  private static final long serialVersionUID = 1L;

  static final String CLEAN_UP = "cleanUp";
  static final String KEEP_COMMITS = "keepCommits";
  static final String REVERT_BRANCH = "revertBranch";
  static final String DESPITE_ALARMS = "despiteAlarms";
  /** How many commits' resources the clean-up keeps when {@code keepCommits} is not given. */
  static final int DEFAULT_KEEP_COMMITS = DeployCleanUp.DEFAULT_KEEP_COMMITS;

  @Override
  public PreparedOperation<DeployRequest, DeployState, DeployResult> prepare(StepRequest request,
      OperationContext context) {
    return new PreparedOperation<>(new SafeDeployOperation(context, ancestry(request.repository())),
        manifest -> DeployRequest.of(manifest).withCleanUp(cleanUp(request, manifest, context))
            .withDespiteAlarms(request.option(DESPITE_ALARMS).isPresent()),
        SafeDeployOperationFactory::result);
  }

  /**
   * Git's commit order, from the repository the step reads: a repository on the controller, or the
   * build's copy of an agent's clone that {@link WorkspaceGit} keeps in the build's folder (made or
   * refreshed whenever the step starts or resumes). So the question, asked in a tick after the run
   * waited for another deployment, is answered on the controller with no workspace and no executor,
   * also after a restart. The repository is opened only when asked (once at most per run) rather
   * than held open for hours of polling. A commit the clone did not have when the step started (a
   * newer push, a shallow checkout) is not in the copy either: the order is then unknown and the
   * run deploys, as the command line does from such a clone.
   */
  private static CommitAncestry ancestry(Path repository) {
    return (descendant, ancestor) -> {
      try (GitRepository git = GitRepository.open(repository)) {
        return git.descendsFrom(descendant, ancestor);
      }
    };
  }

  private static CleanUp cleanUp(StepRequest request, ResolvedManifest manifest, OperationContext context) {
    Optional<String> keep = request.option(KEEP_COMMITS);
    if (request.option(CLEAN_UP).isEmpty()) {
      if (keep.isPresent()) {
        throw new StepArgumentException(request.step() + ": keepCommits says how much the clean-up keeps, but"
            + " there is no clean-up; add cleanUp: true, or leave keepCommits out");
      }
      return CleanUp.none();
    }
    int commits = keep.map(Integer::parseInt).orElse(DEFAULT_KEEP_COMMITS);
    try (GitRepository git = GitRepository.open(request.repository())) {
      return DeployCleanUp.keepingLast(context, git, manifest, commits);
    }
  }

  static StepResult result(DeployState state, DeployResult deployed) {
    ServingModel model = state.plan().model();
    RecordedResource endpoint = switch (deployed.change()) {
      case "CREATED" -> RecordedResource.created("endpoint", deployed.endpointName(), deployed.endpointArn());
      case "UPDATED", "IN_PLACE" -> RecordedResource.updated("endpoint", deployed.endpointName(), deployed.endpointArn());
      default -> RecordedResource.reused("endpoint", deployed.endpointName(), deployed.endpointArn());
    };
    return new StepResult()
        .put("endpointName", deployed.endpointName())
        .put("endpointArn", deployed.endpointArn())
        .put("endpointConfigName", deployed.endpointConfigName())
        .put("modelName", deployed.modelName())
        .put("modelPackageArn", model.modelPackageArn())
        .put("imageDigest", deployed.imageDigest())
        .put("change", deployed.change())
        .put("previousEndpointConfigName", deployed.previousEndpointConfigName())
        .put("alarmsSeen", deployed.alarmsSeen())
        .put("deleted", deployed.deleted())
        .put("smokeTests", deployed.smokeTests().isEmpty() ? null : deployed.smokeTests())
        .touched(endpoint)
        .lineage(model.lineage());
  }

  /**
   * On a rollback by SageMaker, and with {@code revertBranch}: the revert of the offending commit, for a
   * pull request; with {@code push} or {@code openPullRequest}, the branch pushed and its pull request
   * opened or updated, as {@code status --write-revert-branch --push --open-pull-request} does (the
   * same core {@link dev.sagemakergitops.core.pullrequest.BranchPublisher} and revert texts).
   */
  @Override
  public List<String> afterFailure(StepRequest request, OperationContext context, OperationFailure failure,
      GitAccess access) {
    Optional<String> branch = request.option(REVERT_BRANCH);
    // A failed smoke test puts an updated endpoint back like a rollback does, so it offers the same revert.
    boolean putBack = failure.kind() == OperationFailure.Kind.ROLLED_BACK
        || failure.kind() == OperationFailure.Kind.SMOKE_TEST_FAILED;
    if (!putBack || branch.isEmpty()) {
      return List.of();
    }
    ResolvedManifest manifest = request.resolveManifest(context);
    try (GitRepository git = GitRepository.open(request.repository(), context.clock())) {
      RollbackRevert.Attempt attempt = new RollbackRevert(context).afterRollback(manifest, git, branch.get());
      if (attempt.commit() == null) {
        return List.of("no revert written on " + branch.get() + ": " + attempt.status().reason());
      }
      String offending = attempt.status().offendingCommit();
      if (!attempt.written()) {
        return List.of("commit " + offending + " is already reverted at " + manifest.origin().commitId()
            + "; no revert written on " + branch.get());
      }
      String wrote = "wrote the revert of commit " + offending + " on branch " + attempt.commit().shortBranchName()
          + " (commit " + attempt.commit().commitId() + ")";
      if (!PullRequestOptions.requested(request.options())) {
        return List.of(wrote + "; open a pull request from it to bring Git back in line with the endpoint");
      }
      String branchName = attempt.commit().shortBranchName();
      Map<String, Object> published = PullRequestOptions.publish(request.options(), request.repository(), branchName,
          context, access, repository -> base -> PullRequestTexts.revert(new PullRequestFacts(context.clients())
              .revert(attempt.status(), repository, attempt.commit().commitId()), branchName, base));
      return List.of(wrote, String.valueOf(published.get(PullRequestOptions.SUMMARY)));
    } catch (GitRevertConflictException e) {
      return List.of("no revert written on " + branch.get() + ": " + e.getMessage());
    }
  }
}
