package dev.sagemakergitops.core.aws;

/**
 * The run's AWS set-up is incomplete (no region anywhere, for example): a problem of the machine or
 * the pipeline, not of a manifest. The message says what to set; it never carries a credential.
 */
public final class AwsConfigurationException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public AwsConfigurationException(String message, Throwable cause) {
    super(message, cause);
  }
}
