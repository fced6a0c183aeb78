package dev.sagemakergitops.cli;

import dev.sagemakergitops.core.git.GitException;
import dev.sagemakergitops.core.input.InvalidArgumentException;
import dev.sagemakergitops.core.lineage.ExplainException;
import dev.sagemakergitops.core.operation.OperationFailure;
import dev.sagemakergitops.core.operation.OperationInputException;
import dev.sagemakergitops.core.status.EndpointSyncStatus;
import dev.sagemakergitops.core.status.SyncState;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.IExitCodeGenerator;

/**
 * The exit codes of every command, and the one place that decides which one a run ends with.
 *
 * <p>The table is written here once: {@code --help} prints {@link #summary()} (see {@link #footer()}),
 * and docs/cli.md quotes {@link #documentation()} word for word (a test compares them). Each
 * command's result implements picocli's {@link IExitCodeGenerator} by asking one of the methods
 * below, and the error handler maps exceptions with {@link #of(Throwable)}: only the project's own
 * exceptions for wrong input (and picocli's for wrong arguments) give {@link #INVALID_INPUT}, so
 * anything unexpected, a bug included, is {@link #FAILURE} and never looks like the user's mistake.
 */
public enum ExitCode {
  SUCCESS(0, "success",
      "success: valid, a plan was made, the operation finished as asked"),
  FAILURE(1, "failure (the job or deployment failed, AWS or Git could not be reached, an unexpected error)",
      "failure: a job or deployment failed, was cancelled or timed out, another deployment held the endpoint, AWS or"
          + " Git could not be reached, an unexpected error (one line on standard error; `SAGEMAKER_GITOPS_DEBUG=1`"
          + " adds the stack trace)"),
  INVALID_INPUT(2, "invalid input: a manifest, a ref or an argument is wrong (every problem is listed); nothing changed",
      "invalid input: a manifest, a ref or an argument is wrong, or a plan is blocked; every problem is listed as"
          + " `file:line:column: field: message`, and nothing was changed"),
  ROLLED_BACK(3, "rolled back: SageMaker rolled the deployment back (an alarm fired or the new fleet failed)",
      "rolled back: SageMaker rolled a deployment back (an alarm fired, the new fleet failed); Git and the live"
          + " endpoint now differ"),
  REJECTED(4, "rejected: the shadow variant did not meet the manifest's criteria",
      "rejected: a shadow test ran and the shadow variant did not meet `spec.shadowTest.compare` (or got no traffic"
          + " to judge)"),
  SMOKE_TEST_FAILED(5, "smoke test failed: the deployment took but a smoke-test request did not answer as expected",
      "smoke test failed: the deployment took, but a request of `spec.endpoint.smokeTest` did not answer as expected;"
          + " an updated endpoint was put back on the configuration it replaced (Git and the live endpoint now"
          + " differ), a created one is left as it is");

  private final int code;
  private final String summary;
  private final String documentation;

  ExitCode(int code, String summary, String documentation) {
    this.code = code;
    this.summary = summary;
    this.documentation = documentation;
  }

  /** The process's exit code. */
  public int code() {
    return code;
  }

  /** The meaning as {@code --help} shows it, on one line. */
  String summary() {
    return summary;
  }

  /** The meaning as the table "Exit codes" of docs/cli.md shows it (Markdown). */
  String documentation() {
    return documentation;
  }

  /** The lines {@code --help} of the command line and of every operation command ends with: {@code "  0  success"} ... */
  static List<String> footer() {
    return Arrays.stream(values()).map(exit -> "  " + exit.code + "  " + exit.summary).toList();
  }

  /** An operation run that ended with {@code failure}: rolled back 3, rejected 4, smoke test failed 5, else 1. */
  static ExitCode of(OperationFailure failure) {
    return switch (failure.kind()) {
      case ROLLED_BACK -> ROLLED_BACK;
      case REJECTED -> REJECTED;
      case SMOKE_TEST_FAILED -> SMOKE_TEST_FAILED;
      default -> FAILURE;
    };
  }

  /** An operation run: succeeded 0, refused before any change 2, interrupted 1, else its failure's. */
  static ExitCode of(OperationOutcome.Status status, OperationFailure failure) {
    return switch (status) {
      case SUCCEEDED -> SUCCESS;
      case REFUSED -> INVALID_INPUT;
      case INTERRUPTED -> FAILURE;
      case FAILED -> of(failure);
    };
  }

  /** Several results in order (a sync): the first one's that did not succeed, else success. */
  static ExitCode firstFailure(List<? extends IExitCodeGenerator> results) {
    return results.stream().map(IExitCodeGenerator::getExitCode).filter(code -> code != SUCCESS.code).findFirst()
        .map(ExitCode::ofCode).orElse(SUCCESS);
  }

  /**
   * The exit codes from most to least severe, for runs that end side by side ({@code sync --parallel}):
   * a rollback first (Git and the live endpoint now differ: someone must act), then a failed smoke
   * test (the same, put back by us rather than by SageMaker), then any other
   * failure (something did not happen, or the outcome is unknown), then a rejected shadow test (the
   * endpoint is as it was, by design), then input refused before any change; success last.
   */
  static final List<ExitCode> SEVERITY = List.of(ROLLED_BACK, SMOKE_TEST_FAILED, FAILURE, REJECTED, INVALID_INPUT, SUCCESS);

  /** The order of {@link #SEVERITY} as docs/cli.md quotes it: {@code 3 > 5 > 1 > 4 > 2 > 0}. */
  static String severityOrder() {
    return String.join(" > ", SEVERITY.stream().map(exit -> String.valueOf(exit.code)).toList());
  }

  /** Several results side by side (a parallel sync): the most severe one's ({@link #SEVERITY}), else success. */
  static ExitCode mostSevere(List<? extends IExitCodeGenerator> results) {
    return results.stream().map(result -> ofCode(result.getExitCode()))
        .min(java.util.Comparator.comparingInt(SEVERITY::indexOf)).orElse(SUCCESS);
  }

  /** A check that lists problems ({@code validate}, {@code plan}): 2 when there is any, else 0. */
  static ExitCode ofProblems(boolean problems) {
    return problems ? INVALID_INPUT : SUCCESS;
  }

  /**
   * The endpoints {@code status} compared: 3 when one was rolled back; with {@code failOnDrift}, 1
   * when one is not in sync; else 0.
   */
  static ExitCode ofEndpoints(List<EndpointSyncStatus> statuses, boolean failOnDrift) {
    if (statuses.stream().anyMatch(s -> s.state() == SyncState.ROLLED_BACK)) {
      return ROLLED_BACK;
    }
    if (failOnDrift && statuses.stream().anyMatch(s -> s.state() != SyncState.IN_SYNC)) {
      return FAILURE;
    }
    return SUCCESS;
  }

  /**
   * A command that ended with an exception: 2 for picocli's wrong arguments and the project's own
   * exceptions for wrong input (an argument, a manifest, a ref, a path, a name that does not
   * exist); anything else, a bug included, 1.
   */
  static ExitCode of(Throwable exception) {
    if (exception instanceof CommandLine.ParameterException || exception instanceof InvalidInputException
        || exception instanceof InvalidArgumentException || exception instanceof OperationInputException
        || exception instanceof ExplainException || exception instanceof GitException) {
      return INVALID_INPUT;
    }
    return FAILURE;
  }

  private static ExitCode ofCode(int code) {
    return Arrays.stream(values()).filter(exit -> exit.code == code).findFirst().orElse(FAILURE);
  }
}
