package dev.sagemakergitops.core.aws;

import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * SageMaker's error conventions, which are not the SDK's modeled exceptions: a missing training
 * job, model, endpoint or endpoint config is a {@code ValidationException} with a "Could not find"
 * or "Requested resource not found" message, and creating an existing one is a
 * {@code ValidationException} "Cannot create already existing ..." (or {@code ResourceInUse} for
 * training jobs). See {@code shared/reference/sagemaker-api.md}, section 1.3.
 */
public final class SageMakerErrors {
  private SageMakerErrors() {}

  /** True when the call failed because the named resource does not exist. */
  public static boolean isNotFound(AwsServiceException e) {
    String code = code(e);
    String message = message(e);
    return "ResourceNotFound".equals(code) || "ResourceNotFoundException".equals(code)
        || ("ValidationException".equals(code) && (message.contains("Could not find")
            || message.contains("Requested resource not found") || message.contains("does not exist")
            || message.contains("not found")));
  }

  /** True when a create failed because a resource of that name exists already. */
  public static boolean isAlreadyExists(AwsServiceException e) {
    String code = code(e);
    String message = message(e);
    return ("ValidationException".equals(code) && message.contains("already exist"))
        || "ResourceInUse".equals(code) || "ResourceInUseException".equals(code);
  }

  /** True when the endpoint is being created, updated or deleted and refuses another change. */
  public static boolean isInProgress(AwsServiceException e) {
    return "ValidationException".equals(code(e)) && message(e).contains("in-progress");
  }

  /** The AWS error code, or an empty string. */
  public static String code(AwsServiceException e) {
    return e.awsErrorDetails() == null || e.awsErrorDetails().errorCode() == null ? "" : e.awsErrorDetails().errorCode();
  }

  /** The service's message, or an empty string. */
  public static String message(AwsServiceException e) {
    return e.awsErrorDetails() == null || e.awsErrorDetails().errorMessage() == null ? ""
        : e.awsErrorDetails().errorMessage();
  }
}
