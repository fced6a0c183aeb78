package dev.sagemakergitops.core.pullrequest;

/**
 * What {@link PullRequestHost#openOrUpdate} did.
 *
 * @param action {@code OPENED} or {@code UPDATED}
 * @param number the pull request's number at the host
 * @param url where a person sees it, or {@code null} when the host gives none
 */
public record PullRequestOutcome(Action action, PullRequestNumber number, String url) {
  /** Whether the pull request was opened or an open one was updated. */
  public enum Action {
    OPENED,
    UPDATED
  }
}
