package dev.sagemakergitops.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sagemakergitops.core.aws.AwsCallException;
import dev.sagemakergitops.core.aws.AwsConfigurationException;
import dev.sagemakergitops.core.git.BranchPushException;
import dev.sagemakergitops.core.git.GitException;
import dev.sagemakergitops.core.input.InvalidArgumentException;
import dev.sagemakergitops.core.lineage.ExplainException;
import dev.sagemakergitops.core.operation.OperationInputException;
import dev.sagemakergitops.core.operation.StateStoreException;
import dev.sagemakergitops.core.pullrequest.PullRequestHostException;
import dev.sagemakergitops.core.redaction.Redaction;
import java.io.UncheckedIOException;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.IExitCodeGenerator;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * A command that ended with an exception instead of an outcome, in the words users and machines
 * read: the exit code, the outcome ({@code refused} for wrong input, else {@code failed}), a kind
 * that says whose the problem is, and one message without credentials. The text form is one
 * {@code error: ...} line; the JSON form is the document {@code docs/cli.md} describes ("When a
 * command fails before it has a result").
 *
 * @param exit 2 for wrong input, else 1 ({@link ExitCode#of(Throwable)})
 * @param kind {@code INVALID_INPUT} (an argument, a ref, a path, a name that does not exist),
 *     {@code AWS_UNREACHABLE} (no answer from AWS: network, endpoint, outage), {@code AWS_ERROR}
 *     (AWS answered with a refusal: access denied, throttling that outlasted the retries),
 *     {@code AWS_CONFIGURATION} (no credentials or region), {@code STATE_ERROR} (the state folder cannot be written), {@code IO_ERROR}, {@code ERROR}
 *     (anything else: a bug)
 * @param message what happened and what to do
 */
record CommandFailure(ExitCode exit, String kind, String message) implements IExitCodeGenerator {

  static CommandFailure of(Exception exception) {
    ExitCode exit = ExitCode.of(exception);
    return new CommandFailure(exit, kindOf(exception, exit), Redaction.withoutUrlCredentials(messageOf(exception)));
  }

  @Override
  public int getExitCode() {
    return exit.code();
  }

  /** {@code refused} when the input was wrong (nothing was changed), else {@code failed}. */
  String outcome() {
    return exit == ExitCode.INVALID_INPUT ? "refused" : "failed";
  }

  /** The JSON document of {@code command}: schemaVersion, command, outcome, exitCode, failure. */
  ObjectNode json(String command) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.put("schemaVersion", OutcomePrinter.SCHEMA_VERSION);
    root.put("command", command);
    root.put("outcome", outcome());
    root.put("exitCode", exit.code());
    ObjectNode failure = root.putObject("failure");
    failure.put("kind", kind);
    failure.put("message", message);
    return root;
  }

  private static String kindOf(Exception exception, ExitCode exit) {
    if (exit == ExitCode.INVALID_INPUT) {
      return "INVALID_INPUT";
    }
    if (unreachable(exception)) {
      return "AWS_UNREACHABLE";
    }
    if (exception instanceof AwsConfigurationException) {
      return "AWS_CONFIGURATION";
    }
    if (exception instanceof AwsCallException || exception instanceof AwsServiceException) {
      return "AWS_ERROR";
    }
    if (exception instanceof StateStoreException) {
      return "STATE_ERROR";
    }
    if (exception instanceof BranchPushException) {
      return "GIT_PUSH";
    }
    if (exception instanceof PullRequestHostException) {
      return "PULL_REQUEST_HOST";
    }
    return exception instanceof UncheckedIOException ? "IO_ERROR" : "ERROR";
  }

  /** No answer from AWS at all: the SDK gave up on the connection, whoever wrapped its exception. */
  private static boolean unreachable(Throwable exception) {
    if (exception instanceof AwsCallException call) {
      return SdkClientException.class.getSimpleName().equals(call.errorCode())
          || call.getCause() != null && unreachable(call.getCause());
    }
    for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
      if (cause instanceof SdkClientException) {
        return true;
      }
    }
    return false;
  }

  static String messageOf(Exception exception) {
    if (exception instanceof AwsConfigurationException || exception instanceof AwsCallException
        || exception instanceof GitException || exception instanceof InvalidInputException
        || exception instanceof InvalidArgumentException || exception instanceof OperationInputException
        || exception instanceof ExplainException || exception instanceof StateStoreException
        || exception instanceof BranchPushException || exception instanceof PullRequestHostException) {
      return exception.getMessage();
    }
    if (exception instanceof AwsServiceException service && service.awsErrorDetails() != null) {
      return "AWS refused " + service.awsErrorDetails().serviceName() + ": "
          + service.awsErrorDetails().errorCode() + ": " + service.awsErrorDetails().errorMessage();
    }
    if (exception instanceof SdkClientException client) {
      return "AWS could not be reached: " + client.getMessage() + "; check the network, --endpoint-url and"
          + " AWS_ENDPOINT_URL, and run the same command again";
    }
    if (exception instanceof UncheckedIOException io && io.getCause() != null) {
      return io.getMessage();
    }
    return exception.getClass().getSimpleName() + ": " + exception.getMessage()
        + " (set SAGEMAKER_GITOPS_DEBUG=1 for the stack trace)";
  }

  /** True when the command that ran was asked for JSON ({@code --json}, or {@code --format json}). */
  static boolean jsonRequested(CommandLine.ParseResult parseResult) {
    CommandLine.ParseResult command = deepest(parseResult);
    if (command.hasMatchedOption("--json") && Boolean.TRUE.equals(command.matchedOptionValue("--json", false))) {
      return true;
    }
    return command.hasMatchedOption("--format")
        && "json".equals(String.valueOf(command.matchedOptionValue("--format", "text")).toLowerCase(Locale.ROOT));
  }

  /** The name of the command that ran ({@code deploy}, {@code plan} ...). */
  static String commandName(CommandLine.ParseResult parseResult) {
    return deepest(parseResult).commandSpec().name();
  }

  private static CommandLine.ParseResult deepest(CommandLine.ParseResult parseResult) {
    CommandLine.ParseResult command = parseResult;
    while (command.hasSubcommand()) {
      command = command.subcommand();
    }
    return command;
  }
}
