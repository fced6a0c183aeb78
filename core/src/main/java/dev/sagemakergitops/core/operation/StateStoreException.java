package dev.sagemakergitops.core.operation;

/**
 * A saved state could not be written or removed (a full disk, a read-only or wrong state folder).
 * The operation itself may be fine in AWS; the message names the file and what to do.
 */
public final class StateStoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StateStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
