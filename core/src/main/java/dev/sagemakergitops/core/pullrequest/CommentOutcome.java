package dev.sagemakergitops.core.pullrequest;

/**
 * What {@link PullRequestHost#upsertComment} did.
 *
 * @param action {@code CREATED} or {@code UPDATED}
 * @param id the comment's id at the host
 * @param url where a person sees it, or {@code null} when the host gives none
 */
public record CommentOutcome(Action action, String id, String url) {
  /** Whether the comment was posted or edited. */
  public enum Action {
    CREATED,
    UPDATED
  }
}
