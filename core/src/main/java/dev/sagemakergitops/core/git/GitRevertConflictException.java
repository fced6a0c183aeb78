package dev.sagemakergitops.core.git;

import java.util.List;

/** Reverting a commit would conflict with changes made after it; nothing was written. */
public class GitRevertConflictException extends GitException {

  private static final long serialVersionUID = 1L;

  private final List<String> conflictingPaths;

  public GitRevertConflictException(List<String> conflictingPaths, String message) {
    super(message);
    this.conflictingPaths = List.copyOf(conflictingPaths);
  }

  /** The paths that could not be merged, relative to the repository root, sorted. */
  public List<String> conflictingPaths() {
    return conflictingPaths;
  }
}
