package dev.sagemakergitops.local.protocol;

/**
 * An error the local control plane answers with, in the shape the real service uses: an error code
 * ({@code __type} in JSON protocols), an HTTP status and a message.
 */
public class AwsServiceException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String code;
  private final int status;

  public AwsServiceException(String code, int status, String message) {
    super(message);
    this.code = code;
    this.status = status;
  }

  /** SageMaker's (and most services') {@code ValidationException}, HTTP 400. */
  public static AwsServiceException validation(String message) {
    return new AwsServiceException("ValidationException", 400, message);
  }

  /** {@code ResourceNotFound} (SageMaker's modeled code), HTTP 400. */
  public static AwsServiceException resourceNotFound(String message) {
    return new AwsServiceException("ResourceNotFound", 400, message);
  }

  /** {@code ResourceInUse}, HTTP 400. */
  public static AwsServiceException resourceInUse(String message) {
    return new AwsServiceException("ResourceInUse", 400, message);
  }

  public String code() {
    return code;
  }

  public int status() {
    return status;
  }
}
