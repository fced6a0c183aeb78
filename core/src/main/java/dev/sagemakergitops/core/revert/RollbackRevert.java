package dev.sagemakergitops.core.revert;

import dev.sagemakergitops.core.git.CommitResult;
import dev.sagemakergitops.core.git.GitRepository;
import dev.sagemakergitops.core.operation.OperationContext;
import dev.sagemakergitops.core.operation.ResolvedManifest;
import dev.sagemakergitops.core.status.EndpointStatusCheck;
import dev.sagemakergitops.core.status.EndpointSyncStatus;
import dev.sagemakergitops.core.status.SyncState;
import java.util.ArrayList;
import java.util.List;

/**
 * Brings Git back in line with an endpoint SageMaker rolled back: the revert of the commit that
 * introduced the rolled-back change, written on a branch for a pull request. Used after a deploy
 * that ended rolled back ({@code deploy}/{@code sync --revert-branch}, the {@code safeDeploy} step's
 * {@code revertBranch}) and by {@code status --write-revert-branch} for every rolled-back endpoint.
 *
 * <p>It asks the endpoint's status now ({@link EndpointStatusCheck}) rather than trusting the run's
 * failure: only a rollback whose offending commit is in the repository's history is reverted. The
 * revert is written in memory on the branch; the work tree and the checked-out branch are never
 * touched.
 */
public final class RollbackRevert {
  private final EndpointStatusCheck check;

  public RollbackRevert(OperationContext context) {
    this.check = new EndpointStatusCheck(context);
  }

  /**
   * After a deploy of {@code manifest} ended rolled back: reads the endpoint's status and, when it is a
   * rollback with a known offending commit, writes its revert on {@code branch}, built on the
   * commit the manifest was read at.
   *
   * @throws dev.sagemakergitops.core.git.GitRevertConflictException when the revert does not apply cleanly
   */
  public Attempt afterRollback(ResolvedManifest manifest, GitRepository git, String branch) {
    return revert(git, check.check(manifest, git), branch, manifest.origin().commitId());
  }

  /**
   * For each of {@code statuses} that is a rollback, the revert of its offending commit on
   * {@code branch}; a second revert builds on the first, on the same branch. Statuses that are not
   * rollbacks get an attempt that writes nothing.
   *
   * @param startRef the commit the branch is built on (when it does not exist yet)
   */
  public List<Attempt> revertAll(GitRepository git, List<EndpointSyncStatus> statuses, String branch,
      String startRef) {
    List<Attempt> attempts = new ArrayList<>();
    String start = startRef;
    for (EndpointSyncStatus status : statuses) {
      if (status.state() != SyncState.ROLLED_BACK) {
        attempts.add(new Attempt(branch, status, null));
        continue;
      }
      Attempt attempt = revert(git, status, branch, start);
      // A second revert builds on the first, on the same branch.
      start = attempt.written() ? null : start;
      attempts.add(attempt);
    }
    return attempts;
  }

  private Attempt revert(GitRepository git, EndpointSyncStatus status, String branch, String startRef) {
    if (!Attempt.revertible(status)) {
      return new Attempt(branch, status, null);
    }
    return new Attempt(branch, status, check.writeRevert(git, status, branch, startRef, null));
  }

  /**
   * One endpoint's revert.
   *
   * @param branch the branch asked for
   * @param status the endpoint's status when the revert was considered
   * @param commit the revert commit, or {@code null} when none could be written (not a rollback, or
   *     the offending commit is not in this repository's history: a shallow clone); a commit that
   *     changed nothing means the change was already reverted
   */
  public record Attempt(String branch, EndpointSyncStatus status, CommitResult commit) {
    /** Whether a revert commit is on the branch now. */
    public boolean written() {
      return commit != null && commit.changed();
    }

    /** Whether the endpoint is rolled back and the commit that introduced the change is known. */
    static boolean revertible(EndpointSyncStatus status) {
      return status.state() == SyncState.ROLLED_BACK && status.offendingCommit() != null;
    }
  }
}
