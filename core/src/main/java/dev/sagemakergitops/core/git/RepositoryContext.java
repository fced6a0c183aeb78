package dev.sagemakergitops.core.git;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Set;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;

/**
 * The open JGit repository plus the facts every unit of this package reports in messages: a
 * readable name of the repository and the shallow boundary.
 */
final class RepositoryContext {

  private final Repository repository;

  RepositoryContext(Repository repository) {
    this.repository = repository;
  }

  Repository repository() {
    return repository;
  }

  /** The work tree, or {@code null} for a bare repository. */
  Path workTree() {
    return repository.isBare() ? null : repository.getWorkTree().toPath();
  }

  /** The folder users know the repository by: its work tree, or the git folder when bare. */
  String displayName() {
    return repository.isBare()
        ? repository.getDirectory().getPath()
        : repository.getWorkTree().getPath();
  }

  /**
   * Commits at the edge of a shallow clone: present, but their parents are not. Read on each call
   * because a {@code git fetch --deepen} may move the boundary while the repository is open.
   */
  Set<ObjectId> shallowCommits() {
    try {
      return repository.getObjectDatabase().getShallowCommits();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the shallow-clone boundary of " + displayName(), e);
    }
  }

  boolean isShallow() {
    return !shallowCommits().isEmpty();
  }
}
