package dev.sagemakergitops.core.aws;

import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Reads AWS failures into the words results carry. Only the service's error code, its own message
 * and the request id are taken; AWS error messages name principals and resources, never keys or
 * tokens, so nothing secret passes through here.
 */
final class AwsFailures {

  /** The codes AWS services use for an IAM denial (ECR, SageMaker and CloudWatch use the first two). */
  private static final Set<String> ACCESS_DENIED_CODES =
      Set.of("AccessDeniedException", "AccessDenied", "UnauthorizedOperation");

  private AwsFailures() {}

  static boolean isAccessDenied(AwsServiceException e) {
    return ACCESS_DENIED_CODES.contains(errorCode(e));
  }

  /** AWS's error code, or the HTTP status when the answer carried none. */
  static String errorCode(AwsServiceException e) {
    AwsErrorDetails details = e.awsErrorDetails();
    if (details != null && details.errorCode() != null && !details.errorCode().isBlank()) {
      return details.errorCode();
    }
    return "HTTP " + e.statusCode();
  }

  /** The service's own message plus the request id (what AWS Support asks for). */
  static String serviceMessage(AwsServiceException e) {
    AwsErrorDetails details = e.awsErrorDetails();
    String message = details != null && details.errorMessage() != null ? details.errorMessage() : "no message";
    return e.requestId() == null || e.requestId().isBlank() ? message : message + " (request id " + e.requestId() + ")";
  }

  /** The SDK's explanation of a call that got no answer: no network, no credentials, a bad endpoint. */
  static String clientMessage(SdkClientException e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
