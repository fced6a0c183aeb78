package dev.sagemakergitops.core.git;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevTree;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.AndTreeFilter;
import org.eclipse.jgit.treewalk.filter.PathFilterGroup;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * Compares the manifests of two commits, as {@code git diff --name-status base head} would list them,
 * then credits each change to the commit that made it.
 *
 * <p>Cost: one tree comparison that skips identical subtrees by id, one read of each side of each
 * changed YAML file, and one {@link LastCommitFinder} walk for all changed paths together.
 */
final class ManifestDiffer {

  private final RepositoryContext context;

  ManifestDiffer(RepositoryContext context) {
    this.context = context;
  }

  List<ManifestChange> diff(ObjectReader reader, RevCommit base, String baseRef, RevCommit head, String headRef,
      RepositoryPaths selection) throws IOException {
    requireNamedPathsExist(reader, base, baseRef, head, headRef, selection);
    BlobReader blobs = new BlobReader(reader, context);
    List<PendingChange> pending = new ArrayList<>();
    try (TreeWalk walk = new TreeWalk(context.repository(), reader)) {
      walk.addTree(base.getTree());
      walk.addTree(head.getTree());
      walk.setRecursive(true);
      walk.setFilter(selection.isWholeTree()
          ? TreeFilter.ANY_DIFF
          : AndTreeFilter.create(PathFilterGroup.createFromStrings(selection.entries()), TreeFilter.ANY_DIFF));
      while (walk.next()) {
        PendingChange change = compare(walk, blobs, selection);
        if (change != null) {
          pending.add(change);
        }
      }
    }
    Map<String, CommitInfo> lastCommits = new LastCommitFinder(context)
        .find(reader, base, head, pending.stream().map(PendingChange::path).toList());
    List<ManifestChange> changes = new ArrayList<>(pending.size());
    for (PendingChange change : pending) {
      changes.add(new ManifestChange(change.kind(), change.path(), change.oldBlobId(), change.newBlobId(),
          change.oldContent(), change.newContent(), lastCommits.get(change.path())));
    }
    changes.sort(Comparator.comparing(ManifestChange::path));
    return changes;
  }

  /** The change at the walk's current path, or {@code null} when it is not a manifest change. */
  private static PendingChange compare(TreeWalk walk, BlobReader blobs, RepositoryPaths selection)
      throws IOException {
    String path = walk.getPathString();
    boolean named = selection.isNamedExactly(path);
    if (!named && !ManifestFileFilter.isManifestPath(path)) {
      return null;
    }
    FileMode oldMode = walk.getFileMode(0);
    FileMode newMode = walk.getFileMode(1);
    if (named && (oldMode == FileMode.SYMLINK || newMode == FileMode.SYMLINK)) {
      throw ManifestTreeReader.namedSymbolicLink(path);
    }
    boolean oldIsFile = ManifestTreeReader.isFile(oldMode);
    boolean newIsFile = ManifestTreeReader.isFile(newMode);
    ObjectId oldId = walk.getObjectId(0);
    ObjectId newId = walk.getObjectId(1);
    if (!oldIsFile && !newIsFile || oldIsFile && newIsFile && oldId.equals(newId)) {
      // Nothing a manifest reader sees: a submodule, a symlink, or only the executable bit changed.
      return null;
    }
    byte[] oldContent = oldIsFile ? read(blobs, oldId, path, named) : null;
    byte[] newContent = newIsFile ? read(blobs, newId, path, named) : null;
    boolean oldCounts = oldContent != null && (named || ManifestFileFilter.looksLikeManifest(oldContent));
    boolean newCounts = newContent != null && (named || ManifestFileFilter.looksLikeManifest(newContent));
    if (!oldCounts && !newCounts) {
      return null;
    }
    // A side too large to be a manifest still belongs to the change when the other side is one.
    if (oldIsFile && oldContent == null) {
      oldContent = blobs.readNamed(oldId, path);
    }
    if (newIsFile && newContent == null) {
      newContent = blobs.readNamed(newId, path);
    }
    ChangeKind kind = !oldIsFile ? ChangeKind.ADDED : !newIsFile ? ChangeKind.REMOVED : ChangeKind.CHANGED;
    return new PendingChange(kind, path,
        oldIsFile ? oldId.name() : null, newIsFile ? newId.name() : null, oldContent, newContent);
  }

  private static byte[] read(BlobReader blobs, ObjectId id, String path, boolean named) throws IOException {
    return named ? blobs.readNamed(id, path) : blobs.readScanned(id, path);
  }

  private void requireNamedPathsExist(ObjectReader reader, RevCommit base, String baseRef, RevCommit head,
      String headRef, RepositoryPaths selection) throws IOException {
    for (String entry : selection.entries()) {
      if (!exists(reader, base.getTree(), entry) && !exists(reader, head.getTree(), entry)) {
        throw new GitPathNotFoundException(entry, "path '" + entry + "' not found at ref '" + baseRef + "' (commit "
            + base.abbreviate(7).name() + ") nor at ref '" + headRef + "' (commit " + head.abbreviate(7).name()
            + ") in " + context.displayName() + "; expected a manifest file or folder relative to the repository root");
      }
    }
  }

  private boolean exists(ObjectReader reader, RevTree tree, String path) throws IOException {
    try (TreeWalk walk = TreeWalk.forPath(context.repository(), reader, path, tree)) {
      return walk != null;
    }
  }

  private record PendingChange(
      ChangeKind kind, String path, String oldBlobId, String newBlobId, byte[] oldContent, byte[] newContent) {}
}
