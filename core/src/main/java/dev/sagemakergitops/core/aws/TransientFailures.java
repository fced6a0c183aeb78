package dev.sagemakergitops.core.aws;

import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Which failures of a poll are worth another poll rather than a failed operation. The SDK already
 * retries each call (standard mode: 3 attempts with back-off); what still fails after that is
 * throttling that lasts, a service error, or a lost connection, and the operation's state is
 * unchanged by it, so polling again later is always safe.
 */
public final class TransientFailures {
  private static final Set<String> RETRYABLE_CODES = Set.of(
      "ThrottlingException", "Throttling", "TooManyRequestsException", "RequestLimitExceeded",
      "ServiceUnavailable", "InternalFailure", "InternalServerError", "RequestTimeout", "RequestTimeoutException",
      "PriorRequestNotComplete",
      // Application Auto Scaling: "Concurrent updates caused an exception, for example, if you request
      // an update to an Application Auto Scaling resource that already has a pending update" (botocore).
      "ConcurrentUpdateException");

  private TransientFailures() {}

  /** True when {@code failure} (or a cause of it) is throttling, a 5xx or a transport failure. */
  public static boolean isTransient(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof EventualConsistency.NotYetVisibleException) {
        return true;
      }
      if (t instanceof AwsServiceException service) {
        return service.isThrottlingException() || service.statusCode() >= 500
            || (service.awsErrorDetails() != null && RETRYABLE_CODES.contains(service.awsErrorDetails().errorCode()));
      }
      if (t instanceof SdkClientException || t instanceof java.io.IOException || t instanceof java.io.UncheckedIOException) {
        return true;
      }
    }
    return false;
  }

  /** True when {@code failure} is throttling in particular: the next poll should back off. */
  public static boolean isThrottling(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof AwsServiceException service) {
        return service.isThrottlingException();
      }
    }
    return false;
  }
}
