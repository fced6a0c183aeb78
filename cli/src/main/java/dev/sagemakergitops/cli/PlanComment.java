package dev.sagemakergitops.cli;

import dev.sagemakergitops.core.aws.AwsSettings;
import dev.sagemakergitops.core.pullrequest.PlanComments;
import dev.sagemakergitops.core.pullrequest.PullRequestHostKind;
import dev.sagemakergitops.core.pullrequest.PullRequestHostSettings;
import dev.sagemakergitops.core.pullrequest.PullRequestHosts;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/**
 * {@code plan --comment HOST}: the Markdown plan as one comment on the pull request, edited by later
 * runs ({@link PlanComments}). What happened goes to standard error: a line saying where the comment
 * is, or a warning; the plan's output and exit code stay what they are.
 */
final class PlanComment {
  private final PullRequestHostKind kind;
  private final String pullRequest;
  private final String codeCommitRepository;

  private PlanComment(PullRequestHostKind kind, String pullRequest, String codeCommitRepository) {
    this.kind = kind;
    this.pullRequest = pullRequest;
    this.codeCommitRepository = codeCommitRepository;
  }

  /** The options as given; a misspelt host or number is bad input, refused before the plan is made. */
  static PlanComment of(String kind, String pullRequest, String codeCommitRepository) {
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
    return new PlanComment(hostKind, pullRequest, codeCommitRepository);
  }

  /** Posts or edits the comment and says what happened on {@code err}; never fails the command. */
  void post(String markdown, List<String> paths, AwsSettings aws, Map<String, String> environment, PrintWriter err) {
    PlanComments.Result result = PlanComments.post(kind, pullRequest, environment,
        () -> PullRequestHosts.create(kind, environment, new PullRequestHostSettings(codeCommitRepository, aws)),
        paths, markdown);
    err.println((result.warning() ? "warning: " : "") + result.message());
    err.flush();
  }
}
