package dev.sagemakergitops.jenkins;

import dev.sagemakergitops.core.git.GitRepository;
import dev.sagemakergitops.core.operation.OperationContext;
import dev.sagemakergitops.core.pullrequest.BranchPublisher;
import dev.sagemakergitops.core.pullrequest.PullRequestDraft;
import dev.sagemakergitops.core.pullrequest.PullRequestHostKind;
import dev.sagemakergitops.core.pullrequest.PullRequestHostSettings;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The step arguments that push a branch a step wrote and open its pull request ({@code push},
 * {@code openPullRequest}, {@code pullRequestBase}, {@code gitCredentialsId}), and the result
 * entries that say what happened: {@code pushAction} ({@code CREATED}, {@code UPDATED},
 * {@code UP_TO_DATE}), {@code pushedCommit}, {@code pullRequestAction} ({@code OPENED},
 * {@code UPDATED}), {@code pullRequestNumber}, {@code pullRequestUrl}, or {@code pushWarning} when
 * it did not happen. The push and the pull request are core's ({@link BranchPublisher}); the
 * credentials of {@code gitCredentialsId} are bound by {@link GitHostCredentials}: a token as
 * {@code GITHUB_TOKEN}, or {@code GITLAB_TOKEN} for {@code openPullRequest: 'gitlab'}, like
 * {@code withCredentials} would.
 */
final class PullRequestOptions {
  static final String PUSH = "push";
  static final String OPEN_PULL_REQUEST = "openPullRequest";
  static final String PULL_REQUEST_BASE = "pullRequestBase";
  static final String GIT_CREDENTIALS_ID = "gitCredentialsId";
  /** A line for the build log, taken out of the result before the step returns it. */
  static final String SUMMARY = "publishSummary";
  static final String WARNING = "pushWarning";

  private PullRequestOptions() {}

  /** Whether the step was asked to push. */
  static boolean requested(Map<String, String> options) {
    return options.get(PUSH) != null || options.get(OPEN_PULL_REQUEST) != null;
  }

  /** The variable the token of {@code gitCredentialsId} is bound to. */
  static String tokenVariable(Map<String, String> options) {
    return PullRequestHostKind.GITLAB.optionName().equals(options.get(OPEN_PULL_REQUEST)) ? "GITLAB_TOKEN"
        : "GITHUB_TOKEN";
  }

  /** Checks {@code openPullRequest} when the step is bound, so a typo fails before any work. */
  static String host(String value) {
    return value == null ? null : PullRequestHostKind.of(value).optionName();
  }

  /**
   * Pushes {@code branch} of {@code repository} and opens or updates its pull request as the
   * options say; what went wrong is a {@code pushWarning}, never a failure (the step's work is done).
   */
  static Map<String, Object> publish(Map<String, String> options, Path repository, String branch,
      OperationContext context, GitAccess access,
      Function<GitRepository, Function<String, PullRequestDraft>> texts) {
    String kind = options.get(OPEN_PULL_REQUEST);
    BranchPublisher.Request request = new BranchPublisher.Request(options.getOrDefault(PUSH, "origin"),
        kind == null ? null : PullRequestHostKind.of(kind), options.get(PULL_REQUEST_BASE), access.credentials());
    Map<String, Object> out = new LinkedHashMap<>();
    try (GitRepository git = GitRepository.open(repository, context.clock())) {
      BranchPublisher.Publication done = BranchPublisher.of(access.environment(),
              new PullRequestHostSettings(null, context.clients().settings()),
              () -> context.clients().credentialsProvider(), context.clock())
          .publish(git, branch, request, texts.apply(git));
      out.put("pushAction", done.push().action().name());
      out.put("pushedCommit", done.push().commit());
      String summary = "pushed " + branch + " to " + done.push().remote() + " (" + done.push().action() + ")";
      if (done.pullRequest() != null) {
        out.put("pullRequestAction", done.pullRequest().action().name());
        out.put("pullRequestNumber", done.pullRequest().number().value());
        out.put("pullRequestUrl", done.pullRequest().url());
        summary += "; pull request " + done.pullRequest().number().value() + " "
            + done.pullRequest().action().name().toLowerCase(java.util.Locale.ROOT)
            + (done.pullRequest().url() == null ? "" : ": " + done.pullRequest().url());
      }
      out.put(SUMMARY, summary);
    } catch (RuntimeException e) {
      out.put(WARNING, "the branch " + branch + " was not pushed: " + e.getMessage());
      out.put(SUMMARY, "warning: the branch " + branch + " was not pushed: " + e.getMessage());
    }
    return out;
  }
}
