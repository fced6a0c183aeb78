package dev.sagemakergitops.core.git;

import dev.sagemakergitops.core.redaction.Redaction;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.errors.NotSupportedException;
import org.eclipse.jgit.errors.TransportException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.FetchConnection;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.Transport;

/**
 * Pushes a branch the tool wrote (a bump or a revert branch) to a remote with JGit.
 *
 * <p>Each run writes the branch afresh from the current base, so the new commit rarely descends
 * from what the previous run pushed: the push is forced. It is forced only over the tool's own
 * work, the way Renovate and Dependabot stop updating a branch someone else has pushed to:
 *
 * <ol>
 *   <li>the remote branch's tip is read and its commits fetched (no local ref is made);
 *   <li>every commit on it that the new branch does not contain must have been written by
 *       sagemaker-gitops (its committer is the identity the tool commits with); if one was not, the
 *       push is refused with {@link BranchPushException} naming that commit and its author, and the
 *       remote is left as it is;
 *   <li>the push is a compare-and-swap on the tip that was read (a lease): if anyone pushed in
 *       between, the server refuses the update and nothing is overwritten.
 * </ol>
 *
 * <p>Credentials ({@link GitCredentials}) travel only to the transport: the URL pushed to carries
 * none, nothing is written to the repository's configuration, no ref (and so no reflog) is
 * updated locally, and messages show the URL without credentials.
 */
final class BranchPush {
  /** How many commits of a remote branch are examined before it is taken as someone else's. */
  private static final int MAX_FOREIGN_WALK = 200;

  private final RepositoryContext context;

  BranchPush(RepositoryContext context) {
    this.context = context;
  }

  PushOutcome push(String branch, GitRemote remote, GitCredentials credentials) throws IOException {
    String ref = branch.startsWith(Constants.R_HEADS) ? branch : Constants.R_HEADS + branch;
    String shortName = CommitWriter.shortName(ref);
    Ref local = context.repository().exactRef(ref);
    if (local == null || local.getObjectId() == null) {
      throw new GitException("branch '" + shortName + "' does not exist in " + context.displayName()
          + "; write it first (bump, register --bump-branch, status --write-revert-branch)");
    }
    ObjectId commit = local.getObjectId();
    try (TransportSession session = new TransportSession(context.repository(), remote, credentials)) {
      ObjectId remoteTip = remoteTip(session, ref);
      if (commit.equals(remoteTip)) {
        return new PushOutcome(remote.display(), shortName, commit.name(), remoteTip.name(),
            PushOutcome.Action.UP_TO_DATE);
      }
      if (remoteTip != null) {
        fetch(session, ref);
        refuseForeignCommits(remote, shortName, remoteTip, commit);
      }
      pushWithLease(session, remote, ref, remoteTip);
      return new PushOutcome(remote.display(), shortName, commit.name(), remoteTip == null ? null : remoteTip.name(),
          remoteTip == null ? PushOutcome.Action.CREATED : PushOutcome.Action.UPDATED);
    } catch (TransportException e) {
      throw failure(remote, shortName, credentials, e);
    }
  }

  private ObjectId remoteTip(TransportSession session, String ref) throws TransportException {
    try (Transport transport = session.transport(); FetchConnection connection = transport.openFetch()) {
      Ref advertised = connection.getRef(ref);
      return advertised == null ? null : advertised.getObjectId();
    } catch (NotSupportedException e) {
      throw new TransportException(e.getMessage(), e);
    }
  }

  /** Brings the remote branch's commits into the object database, without a ref, to read their authors. */
  private void fetch(TransportSession session, String ref) throws TransportException {
    try (Transport transport = session.transport()) {
      transport.fetch(NullProgressMonitor.INSTANCE, List.of(new RefSpec(ref)));
    } catch (NotSupportedException e) {
      throw new TransportException(e.getMessage(), e);
    }
  }

  private void refuseForeignCommits(GitRemote remote, String branch, ObjectId remoteTip, ObjectId commit)
      throws IOException {
    List<RevCommit> foreign = new ArrayList<>();
    int seen = 0;
    try (RevWalk walk = new RevWalk(context.repository())) {
      walk.markStart(walk.parseCommit(remoteTip));
      walk.markUninteresting(walk.parseCommit(commit));
      for (RevCommit each : walk) {
        if (++seen > MAX_FOREIGN_WALK) {
          throw new BranchPushException("branch '" + branch + "' at " + remote.display() + " has more than "
              + MAX_FOREIGN_WALK + " commits the new branch does not contain, so it is not a branch sagemaker-gitops"
              + " wrote; nothing was pushed. Push to another branch, or delete that one if it is no longer wanted");
        }
        if (!CommitWriter.FALLBACK_EMAIL.equals(each.getCommitterIdent().getEmailAddress())) {
          foreign.add(each);
        }
      }
    }
    if (!foreign.isEmpty()) {
      RevCommit first = foreign.get(0);
      throw new BranchPushException("branch '" + branch + "' at " + remote.display() + " has " + foreign.size()
          + " commit(s) sagemaker-gitops did not write (such as " + first.abbreviate(12).name() + " by "
          + first.getAuthorIdent().getName() + ": " + first.getShortMessage() + "); sagemaker-gitops rewrites its"
          + " branches from the current base on every run and does not overwrite someone else's work, so nothing"
          + " was pushed. Merge or close that pull request and delete the branch, or push to another branch");
    }
  }

  private void pushWithLease(TransportSession session, GitRemote remote, String ref, ObjectId expected)
      throws IOException {
    RemoteRefUpdate update = new RemoteRefUpdate(context.repository(), ref, ref, true, null,
        expected == null ? ObjectId.zeroId() : expected);
    PushResult result;
    try (Transport transport = session.transport()) {
      result = transport.push(NullProgressMonitor.INSTANCE, List.of(update));
    }
    RemoteRefUpdate answered = result.getRemoteUpdate(ref);
    switch (answered.getStatus()) {
      case OK, UP_TO_DATE -> {
        // pushed
      }
      case REJECTED_REMOTE_CHANGED -> throw new BranchPushException("branch '" + CommitWriter.shortName(ref)
          + "' at " + remote.display() + " changed while sagemaker-gitops was pushing (someone pushed to it"
          + " meanwhile); nothing was overwritten. Run the command again");
      default -> throw new BranchPushException("the server at " + remote.display() + " refused the push of branch '"
          + CommitWriter.shortName(ref) + "': " + answered.getStatus()
          + (answered.getMessage() == null ? "" : " (" + Redaction.withoutUrlCredentials(answered.getMessage()) + ")")
          + "; check that the credentials may push to that branch (branch protection, token scope)");
    }
  }

  private static BranchPushException failure(GitRemote remote, String branch, GitCredentials credentials,
      TransportException e) {
    String message = Redaction.withoutUrlCredentials(String.valueOf(e.getMessage()));
    boolean denied = message.contains("not authorized") || message.contains("Authentication is required")
        || message.contains("authentication not supported") || message.contains("Auth fail")
        || message.contains("401") || message.contains("403");
    return new BranchPushException("could not push branch '" + branch + "' to " + remote.display() + ": " + message
        + (denied ? "; the server refused " + credentials.describe() + ": check the token and its scope"
            : "; check that the remote is reachable from here")
        + " (" + credentials.describe() + ")");
  }
}
