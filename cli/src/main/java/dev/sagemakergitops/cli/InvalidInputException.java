package dev.sagemakergitops.cli;

/** The user's arguments cannot work; the message says what to change. Exit code 2. */
public final class InvalidInputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public InvalidInputException(String message) {
    super(message);
  }
}
