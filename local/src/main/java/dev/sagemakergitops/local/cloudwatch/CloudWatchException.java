package dev.sagemakergitops.local.cloudwatch;

import dev.sagemakergitops.local.protocol.AwsServiceException;

/**
 * A CloudWatch error: the awsQuery code ({@code InvalidParameterValue}, {@code ResourceNotFound}, ...),
 * which both protocols send (the Query {@code <Code>}, and RPC v2 CBOR's {@code x-amzn-query-error}),
 * and the Smithy shape name for the CBOR {@code __type}.
 */
final class CloudWatchException extends AwsServiceException {
  private static final long serialVersionUID = 1L;

  private final String shape;

  private CloudWatchException(String code, String shape, int status, String message) {
    super(code, status, message);
    this.shape = shape;
  }

  String shape() {
    return shape;
  }

  static CloudWatchException invalidParameterValue(String message) {
    return new CloudWatchException("InvalidParameterValue", "InvalidParameterValueException", 400, message);
  }

  static CloudWatchException missingParameter(String parameter) {
    return new CloudWatchException("MissingParameter", "MissingRequiredParameterException", 400,
        "The parameter " + parameter + " is required.");
  }

  static CloudWatchException invalidParameterCombination(String message) {
    return new CloudWatchException("InvalidParameterCombination", "InvalidParameterCombinationException", 400, message);
  }

  /**
   * {@code ValidationError}, the code CloudWatch answers for a composite alarm whose rule names a
   * missing alarm and for deleting an alarm a composite alarm depends on (the errors users report,
   * see {@link CompositeAlarms}); no modeled shape carries it, so the code is the shape.
   */
  static CloudWatchException validationError(String message) {
    return new CloudWatchException("ValidationError", "ValidationError", 400, message);
  }

  static CloudWatchException invalidNextToken() {
    return new CloudWatchException("InvalidNextToken", "InvalidNextToken", 400, "The service couldn't process the NextToken.");
  }

  static CloudWatchException alarmNotFound(String message) {
    return new CloudWatchException("ResourceNotFound", "ResourceNotFound", 404, message);
  }

  static CloudWatchException invalidAction(String operation) {
    return new CloudWatchException("InvalidAction", "InvalidAction", 400,
        "The action " + operation + " is not valid for this web service.");
  }
}
