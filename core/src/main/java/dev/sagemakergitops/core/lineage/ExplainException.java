package dev.sagemakergitops.core.lineage;

/**
 * The resource to explain does not exist in the account and region asked. Anything less (a
 * deleted model, an unreadable package, resources without lineage tags) is a note of the
 * {@link Explanation}, not this.
 */
public final class ExplainException extends RuntimeException {
  public ExplainException(String message) {
    super(message);
  }
}
