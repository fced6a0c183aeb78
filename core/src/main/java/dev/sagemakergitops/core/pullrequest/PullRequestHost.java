package dev.sagemakergitops.core.pullrequest;

/**
 * A place pull requests live (GitHub, GitLab, CodeCommit): what the tool writes there so users
 * see it where they already look. Implementations are found by {@link PullRequestHostKind}.
 *
 * <p>Both calls are idempotent by design: a second run edits what the first one wrote instead of
 * adding to it, so a CI that runs the same job twice leaves one comment and one pull request.
 */
public interface PullRequestHost extends AutoCloseable {

  /**
   * Posts {@code body} as a comment on pull request {@code number}, or, when a comment carrying
   * {@code marker} (a hidden HTML comment) already exists there, edits that comment. No other
   * comment is read for anything but the marker, and none is touched.
   *
   * @param marker a line such as {@code <!-- sagemaker-gitops:plan models/churn -->} that the body
   *     carries, so a later run finds the comment again
   */
  CommentOutcome upsertComment(PullRequestNumber number, String marker, String body);

  /**
   * Opens a pull request from {@code request.sourceBranch()} into {@code request.targetBranch()},
   * or, when an open one between those branches exists, updates its title and description.
   */
  PullRequestOutcome openOrUpdate(PullRequestDraft request);

  /** Releases what the host holds (the AWS clients of CodeCommit); the hosts over plain HTTP hold nothing. */
  @Override
  default void close() {}
}
