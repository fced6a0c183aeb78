package dev.sagemakergitops.core.git;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The commit a ref pointed at when it was resolved, so later reads all see the same snapshot even
 * if the branch moves meanwhile.
 *
 * @param id the full 40-character commit id
 * @param shortMessage the subject: the first paragraph of the message on one line
 * @param authorName who wrote the change
 * @param authorEmail the author's e-mail address
 * @param commitTime the committer time
 * @param parentIds full ids of the parents, first parent first; empty for a root commit and for the
 *     oldest commit of a shallow clone (whose parents the clone does not have)
 */
public record ResolvedCommit(
    String id, String shortMessage, String authorName, String authorEmail, Instant commitTime, List<String> parentIds) {

  public ResolvedCommit {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(shortMessage, "shortMessage");
    Objects.requireNonNull(authorName, "authorName");
    Objects.requireNonNull(authorEmail, "authorEmail");
    Objects.requireNonNull(commitTime, "commitTime");
    parentIds = List.copyOf(parentIds);
  }

  /** The first seven hex digits, as {@code git log --oneline} shows them. */
  public String abbreviatedId() {
    return id.substring(0, 7);
  }

  /** The same commit without its parents. */
  public CommitInfo toCommitInfo() {
    return new CommitInfo(id, shortMessage, authorName, authorEmail, commitTime);
  }
}
