package dev.sagemakergitops.core.git;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilterGroup;

/**
 * Reads the manifests of one commit straight from the object database, in one pass over the tree,
 * without a checkout.
 */
final class ManifestTreeReader {

  private final RepositoryContext context;

  ManifestTreeReader(RepositoryContext context) {
    this.context = context;
  }

  List<ManifestFile> read(ObjectReader reader, RevCommit commit, String ref, RepositoryPaths selection)
      throws IOException {
    BlobReader blobs = new BlobReader(reader, context);
    List<ManifestFile> files = new ArrayList<>();
    Set<String> matchedEntries = new HashSet<>();
    try (TreeWalk walk = new TreeWalk(context.repository(), reader)) {
      walk.addTree(commit.getTree());
      walk.setRecursive(true);
      if (!selection.isWholeTree()) {
        walk.setFilter(PathFilterGroup.createFromStrings(selection.entries()));
      }
      while (walk.next()) {
        if (!isFile(walk.getFileMode(0))) {
          if (walk.getFileMode(0) == FileMode.SYMLINK && selection.isNamedExactly(walk.getPathString())) {
            throw namedSymbolicLink(walk.getPathString());
          }
          continue;
        }
        String path = walk.getPathString();
        matchedEntries.add(selection.selectingEntry(path));
        ObjectId blobId = walk.getObjectId(0);
        if (selection.isNamedExactly(path)) {
          // Named files are returned whatever they hold, so the loader can tell the user what is wrong.
          files.add(new ManifestFile(path, blobId.name(), blobs.readNamed(blobId, path)));
        } else if (ManifestFileFilter.isManifestPath(path)) {
          byte[] content = blobs.readScanned(blobId, path);
          if (content != null && ManifestFileFilter.looksLikeManifest(content)) {
            files.add(new ManifestFile(path, blobId.name(), content));
          }
        }
      }
    }
    for (String entry : selection.entries()) {
      if (!matchedEntries.contains(entry) && !existsAsFolder(reader, commit, entry)) {
        throw new GitPathNotFoundException(entry, "path '" + entry + "' not found at ref '" + ref + "' (commit "
            + commit.abbreviate(7).name() + ") in " + context.displayName()
            + "; expected a manifest file or folder relative to the repository root");
      }
    }
    files.sort(Comparator.comparing(ManifestFile::path));
    return files;
  }

  /** A folder with no files in it (only submodules, say) exists but yields nothing; that is no error. */
  private boolean existsAsFolder(ObjectReader reader, RevCommit commit, String path) throws IOException {
    try (TreeWalk walk = TreeWalk.forPath(context.repository(), reader, path, commit.getTree())) {
      return walk != null;
    }
  }

  /**
   * The refusal of a path named on the command line that is a symbolic link in Git: links are never
   * followed (their target may not be in the commit, or differ between clones), and skipping it
   * would read nothing without a word.
   */
  static GitException namedSymbolicLink(String path) {
    return new GitException("'" + path + "' is a symbolic link in Git; sagemaker-gitops reads"
        + " manifests as committed files and does not follow links. Name the file or folder it points to instead");
  }

  /** Regular and executable files; symlinks and submodules are never manifests. */
  static boolean isFile(FileMode mode) {
    return mode == FileMode.REGULAR_FILE || mode == FileMode.EXECUTABLE_FILE;
  }
}
