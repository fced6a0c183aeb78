package dev.sagemakergitops.cli;

import dev.sagemakergitops.core.operation.OperationInputException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * What every command that runs an operation shares: the repository, run and AWS options, a
 * {@link OperationSession} over them, refusals printed as located problems with exit code 2, and
 * the outcome printed as text or JSON with its exit code.
 */
abstract class OperationCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @ParentCommand Main main;
  @Mixin RepositoryOptionsMixin repository;
  @Mixin OperationOptionsMixin run;
  @Mixin AwsOptionsMixin aws;

  /** The operation's name, for a refusal that happens before the operation exists. */
  abstract String operationName();

  /** Resolves the manifest and runs the operation. */
  abstract OperationOutcome execute(OperationSession session);

  @Override
  public final Integer call() {
    try (OperationSession session = session()) {
      OperationOutcome outcome;
      try {
        outcome = execute(session);
      } catch (OperationInputException refusal) {
        outcome = session.refused(operationName(), null, refusal);
      }
      return report(outcome);
    }
  }

  OperationSession session() {
    PrintWriter progress = json() ? spec.commandLine().getErr() : spec.commandLine().getOut();
    return new OperationSession(spec.name(), runtime(), run.options, aws.options, repository.options.repository,
        progress);
  }

  CommandRuntime runtime() {
    return main == null ? CommandRuntime.system() : main.runtime();
  }

  boolean json() {
    return run.options.json;
  }

  List<String> paths() {
    return repository.paths();
  }

  /** Prints {@code outcome} as text or JSON; returns its exit code. */
  int report(OperationOutcome outcome) {
    PrintWriter out = spec.commandLine().getOut();
    if (json()) {
      out.print(JsonOutput.text(OutcomePrinter.json(spec.name(), outcome)));
      out.flush();
    } else {
      OutcomePrinter.text(outcome, out, spec.commandLine().getErr());
    }
    return outcome.getExitCode();
  }
}
