package dev.sagemakergitops.core.git;

/**
 * A push did not happen: the server could not be reached, refused the credentials or the update,
 * or the remote branch holds commits someone else pushed, which the tool does not overwrite. A
 * failure to act on, not wrong input: the message names the remote (without credentials), the
 * branch and what to do. It never carries a credential.
 */
public final class BranchPushException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public BranchPushException(String message) {
    super(message);
  }
}
