package dev.sagemakergitops.core.git;

import java.time.Instant;
import java.util.Objects;

/**
 * The facts about a commit that a plan or a deployment record shows a reader.
 *
 * @param id the full 40-character commit id
 * @param shortMessage the subject: the first paragraph of the message on one line
 * @param authorName who wrote the change
 * @param authorEmail the author's e-mail address
 * @param commitTime when the commit was made (the committer time, as {@code git log} orders by)
 */
public record CommitInfo(String id, String shortMessage, String authorName, String authorEmail, Instant commitTime) {

  public CommitInfo {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(shortMessage, "shortMessage");
    Objects.requireNonNull(authorName, "authorName");
    Objects.requireNonNull(authorEmail, "authorEmail");
    Objects.requireNonNull(commitTime, "commitTime");
  }

  /** The first seven hex digits, as {@code git log --oneline} shows them. */
  public String abbreviatedId() {
    return id.substring(0, 7);
  }
}
