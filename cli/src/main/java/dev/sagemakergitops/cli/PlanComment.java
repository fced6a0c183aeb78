package dev.sagemakergitops.cli;

import dev.sagemakergitops.core.aws.AwsSettings;
import dev.sagemakergitops.core.pullrequest.CommentOutcome;
import dev.sagemakergitops.core.pullrequest.PullRequestHost;
import dev.sagemakergitops.core.pullrequest.PullRequestHostKind;
import dev.sagemakergitops.core.pullrequest.PullRequestHostSettings;
import dev.sagemakergitops.core.pullrequest.PullRequestHosts;
import dev.sagemakergitops.core.pullrequest.PullRequestLocator;
import dev.sagemakergitops.core.pullrequest.PullRequestNumber;
import dev.sagemakergitops.core.redaction.Redaction;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.BiFunction;

/**
 * {@code plan --comment HOST}: the Markdown plan as one comment on the pull request, edited by later
 * runs. Commenting is a courtesy to the reviewer, not part of the plan: whatever goes wrong here
 * (no token, no pull request number, the host refuses, the network) is a warning on standard error,
 * and the plan's output and exit code stay what they are.
 */
final class PlanComment {
  static final String MARKER_PREFIX = "<!-- sagemaker-gitops:plan";

  private final PullRequestHostKind kind;
  private final String pullRequest;
  private final String codeCommitRepository;
  private final BiFunction<PullRequestHostKind, PullRequestHostSettings, PullRequestHost> hosts;

  PlanComment(PullRequestHostKind kind, String pullRequest, String codeCommitRepository,
      BiFunction<PullRequestHostKind, PullRequestHostSettings, PullRequestHost> hosts) {
    this.kind = kind;
    this.pullRequest = pullRequest;
    this.codeCommitRepository = codeCommitRepository;
    this.hosts = hosts;
  }

  /** The comment for the hosts {@link PullRequestHosts} builds from {@code environment}. */
  static PlanComment of(String kind, String pullRequest, String codeCommitRepository, Map<String, String> environment) {
    PullRequestHostKind hostKind;
    try {
      hostKind = PullRequestHostKind.of(kind);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("--comment: " + e.getMessage());
    }
    if (pullRequest != null && !pullRequest.strip().matches("[0-9]{1,12}")) {
      throw new InvalidInputException("--pull-request: expected a pull request number (digits), got '" + pullRequest
          + "'");
    }
    return new PlanComment(hostKind, pullRequest, codeCommitRepository,
        (k, settings) -> PullRequestHosts.create(k, environment, settings));
  }

  /**
   * The hidden first line that finds the comment again. It names the plan's paths, so plans of
   * different paths in one pull request keep a comment each.
   */
  static String marker(List<String> paths) {
    String scope = String.join(" ", new TreeSet<>(paths)).replace("--", "- -");
    return MARKER_PREFIX + (scope.isEmpty() ? "" : " " + scope) + " -->";
  }

  /** Posts or edits the comment; says what happened on {@code err}, and never throws for the host's failures. */
  void post(String markdown, List<String> paths, AwsSettings aws, Map<String, String> environment, PrintWriter err) {
    String where = kind.optionName() + " pull request";
    try {
      Optional<PullRequestNumber> number = PullRequestLocator.locate(pullRequest, environment);
      if (number.isEmpty()) {
        warn(err, "no pull request to comment on: none of " + PullRequestLocator.sources()
            + " names one; give --pull-request N");
        return;
      }
      where += " " + number.get().value();
      PullRequestHost host = hosts.apply(kind, new PullRequestHostSettings(codeCommitRepository, aws));
      String marker = marker(paths);
      CommentOutcome outcome = host.upsertComment(number.get(), marker, marker + "\n" + markdown);
      String verb = outcome.action() == CommentOutcome.Action.CREATED ? "Posted the plan on " : "Edited the plan on ";
      err.println(verb + where + (outcome.url() == null ? " (comment " + outcome.id() + ")" : ": " + outcome.url()));
    } catch (RuntimeException e) {
      // Any failure: the plan stands, the comment is missing, and the user is told why.
      warn(err, "cannot comment the plan on " + where + ": " + e.getMessage());
    } finally {
      err.flush();
    }
  }

  private static void warn(PrintWriter err, String message) {
    err.println("warning: " + Redaction.withoutUrlCredentials(message));
  }
}
