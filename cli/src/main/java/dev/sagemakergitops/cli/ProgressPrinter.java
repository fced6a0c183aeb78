package dev.sagemakergitops.cli;

import dev.sagemakergitops.core.operation.OperationEvent;
import dev.sagemakergitops.core.redaction.Redaction;
import java.io.PrintWriter;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.function.Consumer;

/**
 * Prints progress as plain timestamped lines, one per change, which read well in Jenkins and
 * CodeBuild logs (no colours, no carriage returns, no spinners):
 * {@code 2026-11-22T09:14:03Z safeDeploy churn-prod  Baking: 540 s left (canary 1 of 4 instances)}; with
 * {@code sync --parallel}, prefixed with the manifest's name: {@code [churn-prod] 2026-11-22T09:14:03Z ...}.
 */
final class ProgressPrinter implements Consumer<OperationEvent> {
  private final PrintWriter out;
  private final String prefix;
  private final String operation;
  private final String subject;

  ProgressPrinter(PrintWriter out, String operation, String subject) {
    this(out, "", operation, subject);
  }

  /**
   * A printer whose lines start with {@code prefix}: {@code sync --parallel} puts the manifest's name
   * there, so lines of runs that interleave are told apart at a glance (and grep for one manifest).
   */
  ProgressPrinter(PrintWriter out, String prefix, String operation, String subject) {
    this.out = out;
    this.prefix = prefix;
    this.operation = operation;
    this.subject = subject;
  }

  @Override
  public void accept(OperationEvent event) {
    if (event.quiet()) {
      return; // for the deployment record only (an alarm look that found nothing new)
    }
    // One println per line: PrintWriter writes it under its lock, so lines of runs on other threads never cut into it.
    out.println(prefix + DateTimeFormatter.ISO_INSTANT.format(event.at().truncatedTo(ChronoUnit.SECONDS)) + " " + operation
        + " " + subject + "  " + Redaction.withoutUrlCredentials(event.message()));
    out.flush();
  }
}
