package dev.sagemakergitops.core.pullrequest;

/**
 * A pull request's number as its host counts them (GitHub's number, GitLab's merge request IID,
 * CodeCommit's pull request id).
 */
public record PullRequestNumber(String value) {
  public PullRequestNumber {
    if (value == null || !value.matches("[0-9]{1,12}")) {
      throw new IllegalArgumentException("expected a pull request number (digits), got '" + value + "'");
    }
  }
}
