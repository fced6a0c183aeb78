package dev.sagemakergitops.core.git;

import java.util.Objects;

/**
 * A commit recognised as the revert of another.
 *
 * @param revertCommitId the full id of the reverting commit
 * @param revertedCommitId the full id of the commit it undoes
 * @param revertedCommitPresent whether this repository holds the reverted commit; a shallow clone
 *     often does not, and then only the id is known
 */
public record RevertInfo(String revertCommitId, String revertedCommitId, boolean revertedCommitPresent) {

  public RevertInfo {
    Objects.requireNonNull(revertCommitId, "revertCommitId");
    Objects.requireNonNull(revertedCommitId, "revertedCommitId");
  }
}
