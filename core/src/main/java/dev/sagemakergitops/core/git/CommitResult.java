package dev.sagemakergitops.core.git;

import java.util.List;
import java.util.Objects;

/**
 * What a write ({@code bumpPackageVersion}, {@code revertCommit}) did.
 *
 * <p>When the requested change was already in place nothing is written: no commit, no ref update.
 * The result then has {@link #changed()} {@code false}, {@code commitId} equal to {@code parentId}
 * and no changed paths.
 *
 * @param branch the full ref name that was created or moved, for example {@code refs/heads/bump/churn}
 * @param commitId the full id of the new commit (or of the parent, when nothing changed)
 * @param parentId the full id of the commit the new one was made on
 * @param changedPaths the paths whose content the commit changes, sorted
 */
public record CommitResult(String branch, String commitId, String parentId, List<String> changedPaths) {

  public CommitResult {
    Objects.requireNonNull(branch, "branch");
    Objects.requireNonNull(commitId, "commitId");
    Objects.requireNonNull(parentId, "parentId");
    changedPaths = List.copyOf(changedPaths);
  }

  /** False when the change was already in place and nothing was written. */
  public boolean changed() {
    return !commitId.equals(parentId);
  }

  /** The branch name without {@code refs/heads/}, as a pull request names it. */
  public String shortBranchName() {
    return branch.startsWith("refs/heads/") ? branch.substring("refs/heads/".length()) : branch;
  }
}
