package dev.sagemakergitops.local.fault;

/**
 * A fault injected into API calls as they arrive, before any handler runs.
 *
 * @param kind what the caller sees
 * @param service the signing service it applies to ({@code sagemaker}, {@code ecr}, ...), or {@code *}
 * @param operation the operation ({@code DescribeEndpoint}), or {@code *}
 * @param share the fraction of matching calls that fail, 0 to 1
 * @param remaining how many more times it may fire, or -1 for no limit
 */
public record CallFault(Kind kind, String service, String operation, double share, int remaining) {

  public enum Kind {
    /** HTTP 400 {@code ThrottlingException: Rate exceeded}, which SDKs retry with back-off. */
    THROTTLE,
    /** HTTP 500 {@code InternalFailure}. */
    INTERNAL_ERROR,
    /** HTTP 503 {@code ServiceUnavailable}. */
    UNAVAILABLE,
    /** The connection is closed without an answer. */
    DROP_CONNECTION,
    /**
     * HTTP 403 {@code ExpiredTokenException: The security token included in the request is expired}:
     * what every AWS service answers to temporary credentials past their expiry (AWS Common Errors,
     * https://docs.aws.amazon.com/awsconsolehelpdocs/latest/gsg/common-errors.html). The control
     * plane checks no signature, so a test makes the credentials expire with this fault.
     */
    EXPIRED_TOKEN
  }

  public CallFault {
    if (!(share >= 0 && share <= 1)) {
      throw new IllegalArgumentException("share must be between 0 and 1, got " + share);
    }
  }

  boolean matches(String callService, String callOperation) {
    return (service.equals("*") || service.equals(callService))
        && (operation.equals("*") || operation.equals(callOperation));
  }

  CallFault fired() {
    return remaining < 0 ? this : new CallFault(kind, service, operation, share, remaining - 1);
  }
}
