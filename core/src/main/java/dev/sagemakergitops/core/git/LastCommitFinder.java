package dev.sagemakergitops.core.git;

import java.io.IOException;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.EmptyTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.AndTreeFilter;
import org.eclipse.jgit.treewalk.filter.PathFilterGroup;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * Finds, for many paths at once, the newest commit in {@code base..head} that changed each of them.
 *
 * <p>One walk over the commits, newest first, instead of one history query per path: each commit is
 * compared with its parents only inside the paths still unassigned (a {@link PathFilterGroup} with
 * {@link TreeFilter#ANY_DIFF}, so unchanged subtrees are skipped by id), and the walk stops as soon
 * as every path has its commit. Like {@code git log -- path}, a merge counts as changing a path only
 * when the path differs from every parent; otherwise the change is credited to the commit on the
 * merged branch that made it.
 *
 * <p>Commits on the boundary of a shallow clone are skipped: without their parents it is unknowable
 * what they changed, and crediting them with every file would be wrong. Such paths stay unassigned.
 */
final class LastCommitFinder {

  private final RepositoryContext context;

  LastCommitFinder(RepositoryContext context) {
    this.context = context;
  }

  Map<String, CommitInfo> find(ObjectReader reader, ObjectId base, ObjectId head, Collection<String> paths)
      throws IOException {
    Map<String, CommitInfo> found = new HashMap<>();
    if (paths.isEmpty()) {
      return found;
    }
    Set<String> remaining = new HashSet<>(paths);
    Set<ObjectId> shallow = context.shallowCommits();
    try (RevWalk walk = new RevWalk(reader)) {
      walk.markStart(walk.parseCommit(head));
      walk.markUninteresting(walk.parseCommit(base));
      TreeFilter filter = filterFor(remaining);
      int filterSize = remaining.size();
      for (RevCommit commit : walk) {
        if (shallow.contains(commit)) {
          continue;
        }
        Set<String> touched = pathsChangedBy(walk, reader, commit, filter);
        if (touched.isEmpty()) {
          continue;
        }
        CommitInfo info = GitRepository.commitInfo(commit);
        for (String path : touched) {
          if (remaining.remove(path)) {
            found.put(path, info);
          }
        }
        if (remaining.isEmpty()) {
          break;
        }
        // A filter over already-credited paths is still correct (credits go to `remaining` only), so it
        // is rebuilt only when it has become mostly dead weight: rebuilding per commit costs more than
        // the entries it would save.
        if (remaining.size() * 2 <= filterSize) {
          filter = filterFor(remaining);
          filterSize = remaining.size();
        }
      }
    }
    return found;
  }

  private static TreeFilter filterFor(Set<String> paths) {
    return AndTreeFilter.create(PathFilterGroup.createFromStrings(paths), TreeFilter.ANY_DIFF);
  }

  private Set<String> pathsChangedBy(RevWalk revWalk, ObjectReader reader, RevCommit commit, TreeFilter filter)
      throws IOException {
    Set<String> changed = new HashSet<>();
    int parents = commit.getParentCount();
    try (TreeWalk walk = new TreeWalk(context.repository(), reader)) {
      walk.setRecursive(true);
      walk.setFilter(filter);
      walk.addTree(commit.getTree());
      if (parents == 0) {
        walk.addTree(new EmptyTreeIterator());
      }
      for (int i = 0; i < parents; i++) {
        walk.addTree(revWalk.parseCommit(commit.getParent(i)).getTree());
      }
      while (walk.next()) {
        if (differsFromEveryParent(walk)) {
          changed.add(walk.getPathString());
        }
      }
    }
    return changed;
  }

  private static boolean differsFromEveryParent(TreeWalk walk) {
    for (int parent = 1; parent < walk.getTreeCount(); parent++) {
      if (walk.idEqual(0, parent) && walk.getRawMode(0) == walk.getRawMode(parent)) {
        return false;
      }
    }
    return true;
  }
}
