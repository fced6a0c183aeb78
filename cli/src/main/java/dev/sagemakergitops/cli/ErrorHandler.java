package dev.sagemakergitops.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns failures into an exit code and one clear line, never a stack trace: a wrong ref or path is
 * the user's input (2); AWS or an unexpected error is a failure (1), as {@link ExitCode#of(Throwable)}
 * decides. A command asked for JSON
 * ({@code --json}, {@code --format json}) prints one JSON document on standard output instead
 * ({@link CommandFailure#json}), so a pipeline that parses it always has something to parse.
 * Messages come from our own exceptions and lose any URL credentials.
 */
final class ErrorHandler implements IExecutionExceptionHandler {
  @Override
  public int handleExecutionException(Exception exception, CommandLine commandLine, ParseResult parseResult) {
    CommandFailure failure = CommandFailure.of(exception);
    PrintWriter err = commandLine.getErr();
    err.println("error: " + failure.message());
    if (System.getenv("SAGEMAKER_GITOPS_DEBUG") != null) {
      exception.printStackTrace(err);
    }
    err.flush();
    if (CommandFailure.jsonRequested(parseResult)) {
      PrintWriter out = commandLine.getOut();
      out.print(JsonOutput.text(failure.json(CommandFailure.commandName(parseResult))));
      out.flush();
    }
    return failure.getExitCode();
  }
}
