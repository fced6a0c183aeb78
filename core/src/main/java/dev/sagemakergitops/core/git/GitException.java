package dev.sagemakergitops.core.git;

/**
 * A Git operation could not be done. The message names the repository, the ref or the path involved,
 * what was expected, and what the user can do about it.
 */
public class GitException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public GitException(String message) {
    super(message);
  }

  public GitException(String message, Throwable cause) {
    super(message, cause);
  }
}
