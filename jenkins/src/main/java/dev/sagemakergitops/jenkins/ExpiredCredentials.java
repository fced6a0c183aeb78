package dev.sagemakergitops.jenkins;

import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * Recognises AWS's answer to a request signed with expired temporary credentials:
 * {@code ExpiredTokenException} (HTTP 403, "The security token included in the request is
 * expired", AWS Common Errors, for example
 * https://docs.aws.amazon.com/awsconsolehelpdocs/latest/gsg/common-errors.html), and
 * {@code ExpiredToken}, the same error as the Query-protocol services (STS, CloudWatch) name it.
 */
final class ExpiredCredentials {
  private static final Set<String> CODES = Set.of("ExpiredTokenException", "ExpiredToken");

  private ExpiredCredentials() {}

  /** Whether {@code failure}, or one of its causes, is AWS refusing expired credentials. */
  static boolean isExpired(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
      if (cause instanceof AwsServiceException aws && aws.awsErrorDetails() != null
          && CODES.contains(aws.awsErrorDetails().errorCode())) {
        return true;
      }
    }
    return false;
  }

  /** What a step says when the build's session credentials expired under it. */
  static String fromEnvironment(String step) {
    return step + ": the AWS session credentials from the build's environment (AWS_SESSION_TOKEN) have expired."
        + " withCredentials([aws(...)]) with a role and withAWS(role: ...) fix them when their block starts, for an"
        + " hour by default, however long the step waits. What the step started in SageMaker is left as it is. Pass"
        + " credentialsId: 'the id of AWS Credentials in Jenkins' instead (the step renews those itself) and run the"
        + " build again: the step attaches to what it started.";
  }
}
