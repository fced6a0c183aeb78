package dev.sagemakergitops.core.pullrequest;

/**
 * A pull-request host refused or could not be reached, or was not configured. The message names
 * the host, the call and what the host said, and what to do; it never carries a token.
 */
public class PullRequestHostException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public PullRequestHostException(String message) {
    super(message);
  }

  public PullRequestHostException(String message, Throwable cause) {
    super(message, cause);
  }
}
