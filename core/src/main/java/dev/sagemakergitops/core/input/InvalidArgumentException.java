package dev.sagemakergitops.core.input;

/**
 * An argument a user gave (a path, a branch name, an endpoint URL, a package version, a run key)
 * cannot work; the message names it, says what was expected and what to give instead. The command
 * line exits 2 for it (wrong input), while any other {@link IllegalArgumentException}, thrown where
 * no user's input reaches, is a bug (exit 1). It stays an {@link IllegalArgumentException}, so code
 * that catches those keeps catching it.
 */
public class InvalidArgumentException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public InvalidArgumentException(String message) {
    super(message);
  }

  public InvalidArgumentException(String message, Throwable cause) {
    super(message, cause);
  }
}
