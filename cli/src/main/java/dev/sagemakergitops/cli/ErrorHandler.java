package dev.sagemakergitops.cli;

import dev.sagemakergitops.core.aws.AwsCallException;
import dev.sagemakergitops.core.aws.AwsConfigurationException;
import dev.sagemakergitops.core.git.GitException;
import dev.sagemakergitops.core.lineage.ExplainException;
import dev.sagemakergitops.core.operation.OperationInputException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns failures into one clear line and an exit code, never a stack trace: a wrong ref or path is
 * the user's input (2); AWS or an unexpected error is a failure (1). Messages come from our own
 * exceptions, which carry no credentials.
 */
final class ErrorHandler implements IExecutionExceptionHandler {
  @Override
  public int handleExecutionException(Exception exception, CommandLine commandLine, ParseResult parseResult) {
    commandLine.getErr().println("error: " + messageOf(exception));
    if (System.getenv("SAGEMAKER_GITOPS_DEBUG") != null) {
      exception.printStackTrace(commandLine.getErr());
    }
    return exitCodeOf(exception);
  }

  static int exitCodeOf(Throwable exception) {
    if (exception instanceof picocli.CommandLine.ParameterException || exception instanceof GitException || exception instanceof IllegalArgumentException
        || exception instanceof InvalidInputException || exception instanceof OperationInputException || exception instanceof ExplainException) {
      return ExitCodes.INVALID_INPUT;
    }
    return ExitCodes.FAILURE;
  }

  private static String messageOf(Exception exception) {
    if (exception instanceof AwsConfigurationException || exception instanceof AwsCallException
        || exception instanceof GitException || exception instanceof InvalidInputException
        || exception instanceof IllegalArgumentException || exception instanceof OperationInputException
        || exception instanceof ExplainException) {
      return exception.getMessage();
    }
    if (exception instanceof AwsServiceException service && service.awsErrorDetails() != null) {
      return "AWS refused " + service.awsErrorDetails().serviceName() + ": "
          + service.awsErrorDetails().errorCode() + ": " + service.awsErrorDetails().errorMessage();
    }
    return exception.getClass().getSimpleName() + ": " + exception.getMessage()
        + " (set SAGEMAKER_GITOPS_DEBUG=1 for the stack trace)";
  }
}
