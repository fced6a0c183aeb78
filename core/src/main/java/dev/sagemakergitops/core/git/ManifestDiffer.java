package dev.sagemakergitops.core.git;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
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
 *
 * <p>The walk and the blob reads need nothing from each other, and together they are most of a large
 * diff (on the plan benchmark's 661 changes the walk was 140 of 220 ms of Git, docs/benchmarks.md),
 * so from {@link #CONCURRENT_WALK_THRESHOLD} candidate paths on the walk runs on a thread of its own,
 * with its own {@link ObjectReader} (a reader is not thread-safe; the repository and its pack cache
 * are), while this thread reads the blobs. The walk is given every candidate path, before the blobs
 * tell which are manifests: a path that turns out not to be one costs the walk a little and its
 * commit is dropped. Once the blobs are read, this thread does the caller's own work on them (a
 * plan parses them) before it waits for the walk, so on two processors the walk hides behind the
 * parsing instead of behind the reads alone.
 */
final class ManifestDiffer {

  /** Below this many candidate paths, starting a thread costs more than the overlap saves. */
  static final int CONCURRENT_WALK_THRESHOLD = 16;

  private final RepositoryContext context;

  ManifestDiffer(RepositoryContext context) {
    this.context = context;
  }

  List<ManifestChange> diff(ObjectReader reader, RevCommit base, String baseRef, RevCommit head, String headRef,
      RepositoryPaths selection) throws IOException {
    return diff(reader, base, baseRef, head, headRef, selection, null).changes();
  }

  /**
   * The diff, with {@code meanwhile} applied to its changes (their last commits still unknown) while
   * the last-commit walk runs: the caller's own work on the contents, such as parsing, overlaps the
   * walk instead of waiting for it. Without {@code meanwhile} (null) the changes are only built once.
   */
  <T> Overlapped<T> diff(ObjectReader reader, RevCommit base, String baseRef, RevCommit head, String headRef,
      RepositoryPaths selection, Function<List<ManifestChange>, T> meanwhile) throws IOException {
    requireNamedPathsExist(reader, base, baseRef, head, headRef, selection);
    List<Candidate> candidates = new ArrayList<>();
    try (TreeWalk walk = new TreeWalk(context.repository(), reader)) {
      walk.addTree(base.getTree());
      walk.addTree(head.getTree());
      walk.setRecursive(true);
      walk.setFilter(selection.isWholeTree()
          ? TreeFilter.ANY_DIFF
          : AndTreeFilter.create(PathFilterGroup.createFromStrings(selection.entries()), TreeFilter.ANY_DIFF));
      while (walk.next()) {
        Candidate candidate = candidate(walk, selection);
        if (candidate != null) {
          candidates.add(candidate);
        }
      }
    }
    List<String> paths = candidates.stream().map(Candidate::path).toList();
    CompletableFuture<Map<String, CommitInfo>> walked = candidates.size() < CONCURRENT_WALK_THRESHOLD
        ? null
        : CompletableFuture.supplyAsync(() -> lastCommitsWithOwnReader(base, head, paths), ManifestDiffer::daemon);
    BlobReader blobs = new BlobReader(reader, context);
    List<PendingChange> pending = new ArrayList<>();
    T result;
    try {
      for (Candidate candidate : candidates) {
        PendingChange change = read(candidate, blobs);
        if (change != null) {
          pending.add(change);
        }
      }
      pending.sort(Comparator.comparing(PendingChange::path));
      result = meanwhile == null ? null
          : meanwhile.apply(pending.stream().map(change -> change.toChange(null)).toList());
    } catch (IOException | RuntimeException e) {
      if (walked != null) {
        // The walk reads the repository the caller closes next: it ends before this call does.
        walked.handle((found, failure) -> null).join();
      }
      throw e;
    }
    Map<String, CommitInfo> lastCommits = walked == null
        ? new LastCommitFinder(context).find(reader, base, head, pending.stream().map(PendingChange::path).toList())
        : join(walked);
    List<ManifestChange> changes = new ArrayList<>(pending.size());
    for (PendingChange change : pending) {
      changes.add(change.toChange(lastCommits.get(change.path())));
    }
    return new Overlapped<>(changes, result);
  }

  /** The changes, sorted by path, and what the caller's work made of them while the walk ran. */
  record Overlapped<T>(List<ManifestChange> changes, T meanwhile) {}

  /**
   * The walk's current path when it may be a manifest change (a manifest's name, or a path the user
   * named, with a file on at least one side whose content changed), else {@code null}.
   */
  private static Candidate candidate(TreeWalk walk, RepositoryPaths selection) {
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
    return new Candidate(path, named, oldIsFile ? oldId : null, newIsFile ? newId : null);
  }

  /** The change a candidate makes, or {@code null} when neither side is a manifest. */
  private static PendingChange read(Candidate candidate, BlobReader blobs) throws IOException {
    String path = candidate.path();
    boolean named = candidate.named();
    ObjectId oldId = candidate.oldId();
    ObjectId newId = candidate.newId();
    boolean oldIsFile = oldId != null;
    boolean newIsFile = newId != null;
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

  private Map<String, CommitInfo> lastCommitsWithOwnReader(RevCommit base, RevCommit head, List<String> paths) {
    try (ObjectReader reader = context.repository().newObjectReader()) {
      return new LastCommitFinder(context).find(reader, base, head, paths);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A thread per diff, not a shared pool: nothing outlives the call, and no pool is global state. */
  private static void daemon(Runnable task) {
    Thread thread = new Thread(task, "sagemaker-gitops-last-commits");
    thread.setDaemon(true);
    thread.start();
  }

  private static Map<String, CommitInfo> join(CompletableFuture<Map<String, CommitInfo>> walked) throws IOException {
    try {
      return walked.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof UncheckedIOException io) {
        throw io.getCause();
      }
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw e;
    }
  }

  private record Candidate(String path, boolean named, ObjectId oldId, ObjectId newId) {}

  private record PendingChange(
      ChangeKind kind, String path, String oldBlobId, String newBlobId, byte[] oldContent, byte[] newContent) {
    ManifestChange toChange(CommitInfo lastCommit) {
      return new ManifestChange(kind, path, oldBlobId, newBlobId, oldContent, newContent, lastCommit);
    }
  }
}
