package dev.sagemakergitops.core.git;

import java.io.IOException;
import java.util.List;
import java.util.TreeSet;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.merge.MergeStrategy;
import org.eclipse.jgit.merge.ResolveMerger;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Writes the commit {@code git revert} would write, without a work tree.
 *
 * <p>A revert is a three-way merge: the reverted commit is the base, the branch tip is "ours", and
 * the reverted commit's parent is "theirs", so exactly the reverted change is taken back while later
 * changes elsewhere stay. JGit's recursive merger runs in memory; when the same lines changed again
 * later, it reports the conflicting paths and nothing is written.
 */
final class CommitReverter {

  private final RepositoryContext context;
  private final RefResolver resolver;
  private final CommitWriter writer;

  CommitReverter(RepositoryContext context, RefResolver resolver, CommitWriter writer) {
    this.context = context;
    this.resolver = resolver;
    this.writer = writer;
  }

  CommitResult revert(String branch, String startRef, String commitToRevert, PersonIdent author) throws IOException {
    String branchRef = writer.branchRef(branch);
    try (ObjectInserter inserter = context.repository().newObjectInserter();
        ObjectReader reader = inserter.newReader();
        RevWalk walk = new RevWalk(reader)) {
      Ref existing = writer.currentRef(branchRef);
      RevCommit ours = writer.startCommit(walk, resolver, branchRef, existing, startRef);
      RevCommit reverted = resolver.resolve(walk, commitToRevert);
      String label = "commit " + reverted.abbreviate(7).name() + " (\"" + reverted.getShortMessage() + "\")";
      if (reverted.getParentCount() > 1) {
        throw new GitException(label + " in " + context.displayName() + " is a merge commit; sagemaker-gitops "
            + "reverts only ordinary commits, because undoing a merge needs a chosen mainline parent. Revert the "
            + "commits it merged instead, or run 'git revert -m 1 " + reverted.name() + "' yourself");
      }
      if (context.shallowCommits().contains(reverted)) {
        throw new GitException(label + " is the oldest commit of this shallow clone of " + context.displayName()
            + ", so its parent, which the revert restores, is missing; fetch more history (git fetch --deepen=1)");
      }
      ObjectId theirs;
      if (reverted.getParentCount() == 1) {
        theirs = walk.parseCommit(reverted.getParent(0)).getTree();
      } else {
        // Reverting a root commit takes everything it added away, as git does.
        theirs = inserter.insert(new TreeFormatter());
        inserter.flush();
      }

      ResolveMerger merger = (ResolveMerger) MergeStrategy.RECURSIVE.newMerger(context.repository(), true);
      merger.setBase(reverted.getTree());
      merger.setCommitNames(new String[] {"reverted " + reverted.abbreviate(7).name(), "ours", "parent"});
      if (!merger.merge(ours, theirs)) {
        TreeSet<String> conflicts = new TreeSet<>(merger.getUnmergedPaths());
        conflicts.addAll(merger.getFailingPaths() == null ? List.of() : merger.getFailingPaths().keySet());
        throw new GitRevertConflictException(List.copyOf(conflicts), "reverting " + label + " onto "
            + (startRef != null ? "'" + startRef + "'" : "branch '" + CommitWriter.shortName(branchRef) + "'")
            + " (commit " + ours.abbreviate(7).name() + ") in " + context.displayName() + " conflicts in "
            + String.join(", ", conflicts) + ": these files changed again after that commit. Revert the later "
            + "changes first, or resolve it by hand with 'git revert " + reverted.name() + "'");
      }
      ObjectId tree = merger.getResultTreeId();
      if (tree.equals(ours.getTree())) {
        return new CommitResult(branchRef, ours.name(), ours.name(), List.of());
      }
      List<String> changed = writer.changedPaths(reader, ours.getTree(), tree);
      String message = "Revert \"" + reverted.getShortMessage() + "\"\n\nThis reverts commit " + reverted.name() + ".\n";
      return writer.commit(inserter, walk, branchRef, existing, ours, tree, author, message, changed);
    }
  }
}
