package dev.sagemakergitops.core.aws;

/**
 * An AWS call failed in a way the caller cannot turn into a verdict (access denied, throttling that
 * outlasted the retries, no network). The message names the service, the operation, the region,
 * AWS's error code and the service's own text; it never carries a credential.
 */
public final class AwsCallException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String errorCode;

  public AwsCallException(String message, String errorCode, Throwable cause) {
    super(message, cause);
    this.errorCode = errorCode;
  }

  /** AWS's error code (for example {@code AccessDeniedException}), or the SDK's exception name. */
  public String errorCode() {
    return errorCode;
  }
}
