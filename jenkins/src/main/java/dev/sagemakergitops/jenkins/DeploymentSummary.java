package dev.sagemakergitops.jenkins;

import dev.sagemakergitops.core.report.RecordedRun;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * One deployment as a line of a Jenkins page (the build's summary, the job's last deployments):
 * plain strings the Jelly views print escaped.
 *
 * @param subject {@code endpoint churn-prod}
 * @param operation {@code safeDeploy}
 * @param outcome {@code succeeded}, {@code rolledBack} ... (also the CSS class of its badge)
 * @param outcomeText {@code succeeded}, {@code rolled back} ...
 * @param startedAt when it started, {@code 2026-11-02 09:00:00 UTC}
 * @param commit the commit's first 12 hex digits, or the empty string
 * @param reason why it did not succeed, or the empty string
 */
public record DeploymentSummary(String subject, String operation, String outcome, String outcomeText,
    String startedAt, String commit, String reason) {
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  static DeploymentSummary of(RecordedRun run) {
    String commit = run.lineage().getOrDefault("commit", "");
    return new DeploymentSummary(run.subject(), run.operation(), run.outcome(),
        run.outcome().equals("rolledBack") ? "rolled back" : run.outcome(), WHEN.format(run.startedAt()),
        commit.length() > 12 ? commit.substring(0, 12) : commit,
        run.failureMessage() == null ? "" : run.failureMessage());
  }

  // Jelly reads bean getters.

  public String getSubject() {
    return subject;
  }

  public String getOperation() {
    return operation;
  }

  public String getOutcome() {
    return outcome;
  }

  public String getOutcomeText() {
    return outcomeText;
  }

  public String getStartedAt() {
    return startedAt;
  }

  public String getCommit() {
    return commit;
  }

  public String getReason() {
    return reason;
  }
}
