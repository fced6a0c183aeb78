package dev.sagemakergitops.core.git;

import dev.sagemakergitops.core.input.InvalidArgumentException;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEditor;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * Writes commits straight into the object database and moves a branch to them, never touching the
 * work tree or the index, so it is safe in a CI checkout and in a bare repository alike.
 */
final class CommitWriter {

  /** Used only when the caller gives no identity; a commit must name someone. */
  static final String FALLBACK_NAME = "sagemaker-gitops";
  static final String FALLBACK_EMAIL = "sagemaker-gitops@localhost";

  private final RepositoryContext context;
  private final Clock clock;

  CommitWriter(RepositoryContext context, Clock clock) {
    this.context = context;
    this.clock = clock;
  }

  /** {@code bump/churn} or {@code refs/heads/bump/churn} to the full ref name, checked for validity. */
  String branchRef(String branch) {
    if (branch == null || branch.isBlank()) {
      throw new InvalidArgumentException("expected a branch name to write the commit to, for example "
          + "sagemaker-gitops/bump-churn-prod; got none");
    }
    String ref = branch.startsWith(Constants.R_HEADS) ? branch : Constants.R_HEADS + branch;
    if (!Repository.isValidRefName(ref)) {
      throw new InvalidArgumentException("'" + branch + "' is not a valid Git branch name; expected a name such as "
          + "sagemaker-gitops/bump-churn-prod (no spaces, '..', '~', '^', ':' or trailing '.lock')");
    }
    String checkedOutIn = !context.repository().isBare() && ref.equals(currentBranch()) ? context.displayName()
        : worktreeWithBranch(ref);
    if (checkedOutIn != null) {
      throw new GitException("branch '" + shortName(ref) + "' is checked out in " + checkedOutIn
          + "; sagemaker-gitops writes commits without touching the work tree, so moving that branch would "
          + "leave the checkout out of step. Write to another branch (for example sagemaker-gitops/"
          + shortName(ref) + "-update) or run from a detached HEAD");
    }
    return ref;
  }

  /**
   * The work tree, other than this one, that has {@code ref} checked out, or {@code null}: the main
   * work tree and every linked one ({@code git worktree add}) share the branches, and moving the
   * branch of any of them leaves that checkout out of step. JGit reads linked work trees but does
   * not list them, so their {@code HEAD} files are read as git writes them: {@code <common
   * dir>/HEAD} for the main one, {@code <common dir>/worktrees/<id>/HEAD} (with {@code gitdir}
   * naming the work tree) for each linked one.
   */
  private String worktreeWithBranch(String ref) {
    File common = context.repository().getCommonDirectory();
    File own = context.repository().getDirectory();
    if (common == null) {
      return null;
    }
    // The configuration is shared by all work trees; core.bare says the common folder has none of its own.
    boolean mainIsBare = context.repository().getConfig().getBoolean("core", null, "bare", false);
    if (!common.equals(own) && !mainIsBare && ref.equals(symbolicHead(new File(common, "HEAD")))) {
      return common.getAbsoluteFile().getParentFile().toString();
    }
    File[] linked = new File(common, "worktrees").listFiles(File::isDirectory);
    for (File worktree : linked == null ? new File[0] : linked) {
      if (!worktree.equals(own) && ref.equals(symbolicHead(new File(worktree, "HEAD")))) {
        String gitdir = firstLineOf(new File(worktree, "gitdir"));
        return gitdir == null ? "the linked work tree " + worktree.getName()
            : new File(gitdir).getAbsoluteFile().getParent();
      }
    }
    return null;
  }

  /** The ref a {@code HEAD} file points at ({@code ref: refs/heads/main}), or {@code null}. */
  private static String symbolicHead(File head) {
    String line = firstLineOf(head);
    return line != null && line.startsWith("ref: ") ? line.substring("ref: ".length()).trim() : null;
  }

  private static String firstLineOf(File file) {
    try {
      String text = Files.readString(file.toPath(), StandardCharsets.UTF_8);
      int newline = text.indexOf('\n');
      return (newline < 0 ? text : text.substring(0, newline)).trim();
    } catch (IOException e) {
      return null;
    }
  }

  /** The branch as it is now, or {@code null} when it does not exist yet. */
  Ref currentRef(String branchRef) throws IOException {
    return context.repository().exactRef(branchRef);
  }

  /**
   * The commit to build on: {@code startRef} when given, else the branch's tip.
   *
   * @throws GitException when neither exists
   */
  RevCommit startCommit(RevWalk walk, RefResolver resolver, String branchRef, Ref existing, String startRef)
      throws IOException {
    if (startRef != null) {
      return resolver.resolve(walk, startRef);
    }
    if (existing == null || existing.getObjectId() == null) {
      throw new GitException("branch '" + shortName(branchRef) + "' does not exist in " + context.displayName()
          + " and no start ref was given; pass the commit to build on, for example HEAD or origin/main");
    }
    return walk.parseCommit(existing.getObjectId());
  }

  /** The tree of {@code base} with the given files' contents replaced, keeping each file's mode. */
  ObjectId replaceFiles(ObjectInserter inserter, ObjectReader reader, RevCommit base, Map<String, ObjectId> newBlobs)
      throws IOException {
    DirCache index = DirCache.newInCore();
    DirCacheBuilder builder = index.builder();
    builder.addTree(new byte[0], DirCacheEntry.STAGE_0, reader, base.getTree());
    builder.finish();
    DirCacheEditor editor = index.editor();
    for (Map.Entry<String, ObjectId> file : newBlobs.entrySet()) {
      DirCacheEntry existing = index.getEntry(file.getKey());
      editor.add(new DirCacheEditor.PathEdit(file.getKey()) {
        @Override
        public void apply(DirCacheEntry entry) {
          entry.setFileMode(existing == null ? org.eclipse.jgit.lib.FileMode.REGULAR_FILE : existing.getFileMode());
          entry.setObjectId(file.getValue());
        }
      });
    }
    editor.finish();
    return index.writeTree(inserter);
  }

  /** Paths whose content differs between two trees, sorted. */
  List<String> changedPaths(ObjectReader reader, ObjectId oldTree, ObjectId newTree) throws IOException {
    List<String> paths = new ArrayList<>();
    try (TreeWalk walk = new TreeWalk(context.repository(), reader)) {
      walk.addTree(oldTree);
      walk.addTree(newTree);
      walk.setRecursive(true);
      walk.setFilter(TreeFilter.ANY_DIFF);
      while (walk.next()) {
        paths.add(walk.getPathString());
      }
    }
    paths.sort(null);
    return paths;
  }

  /**
   * Writes a commit of {@code tree} on {@code parent} and points {@code branchRef} at it.
   *
   * <p>The branch is moved even when the new commit does not descend from its old tip (the caller
   * chose the start), but only if nobody moved it since {@code expected} was read.
   */
  CommitResult commit(ObjectInserter inserter, RevWalk walk, String branchRef, Ref expected, RevCommit parent,
      ObjectId tree, PersonIdent author, String message, List<String> changedPaths) throws IOException {
    PersonIdent identity = stamp(author);
    CommitBuilder commit = new CommitBuilder();
    commit.setTreeId(tree);
    commit.setParentId(parent);
    commit.setAuthor(identity);
    commit.setCommitter(identity);
    commit.setMessage(message);
    ObjectId commitId = inserter.insert(commit);
    inserter.flush();

    RefUpdate update = context.repository().updateRef(branchRef);
    update.setExpectedOldObjectId(expected == null || expected.getObjectId() == null
        ? ObjectId.zeroId() : expected.getObjectId());
    update.setNewObjectId(commitId);
    update.setForceUpdate(true);
    update.setRefLogIdent(identity);
    update.setRefLogMessage("sagemaker-gitops: " + firstLine(message), false);
    RefUpdate.Result result = update.update(walk);
    switch (result) {
      case NEW, FORCED, FAST_FORWARD, NO_CHANGE -> {
        return new CommitResult(branchRef, commitId.name(), parent.name(), changedPaths);
      }
      case LOCK_FAILURE -> throw new GitException("branch '" + shortName(branchRef) + "' in "
          + context.displayName() + " changed while sagemaker-gitops was writing commit "
          + commitId.abbreviate(7).name() + " (or its lock file is held); run the command again");
      default -> throw new GitException("could not move branch '" + shortName(branchRef) + "' in "
          + context.displayName() + " to commit " + commitId.abbreviate(7).name() + ": " + result);
    }
  }

  /** The caller's identity (or the fallback) at the injected clock's time, so commits are reproducible in tests. */
  private PersonIdent stamp(PersonIdent author) {
    String name = author == null ? FALLBACK_NAME : author.getName();
    String email = author == null ? FALLBACK_EMAIL : author.getEmailAddress();
    return new PersonIdent(name, email, clock.instant(), clock.getZone());
  }

  private String currentBranch() {
    try {
      return context.repository().getFullBranch();
    } catch (IOException e) {
      return null;
    }
  }

  static String shortName(String ref) {
    return Repository.shortenRefName(ref);
  }

  private static String firstLine(String message) {
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
