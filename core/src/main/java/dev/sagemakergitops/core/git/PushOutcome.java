package dev.sagemakergitops.core.git;

/**
 * What a push of a branch did ({@link BranchPush}).
 *
 * @param remote the URL pushed to, without credentials
 * @param branch the branch, without {@code refs/heads/}
 * @param commit the commit the remote branch names now
 * @param previous the commit it named before, or {@code null} when it was created
 * @param action {@code CREATED}, {@code UPDATED} (the tool's earlier commits replaced) or {@code UP_TO_DATE}
 */
public record PushOutcome(String remote, String branch, String commit, String previous, Action action) {
  /** Whether the remote branch was made, moved, or already named the commit. */
  public enum Action {
    CREATED,
    UPDATED,
    UP_TO_DATE
  }
}
