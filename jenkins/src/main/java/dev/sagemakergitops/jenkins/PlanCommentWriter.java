package dev.sagemakergitops.jenkins;

import dev.sagemakergitops.core.aws.AwsClients;
import dev.sagemakergitops.core.pullrequest.PlanComments;
import dev.sagemakergitops.core.pullrequest.PullRequestHostKind;
import dev.sagemakergitops.core.pullrequest.PullRequestHostSettings;
import dev.sagemakergitops.core.pullrequest.PullRequestHosts;
import hudson.AbortException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code sagemakerPlan}'s {@code comment:}: the plan on the pull request through
 * {@link PlanComments}, with the build's environment (CHANGE_ID names the pull request; CHANGE_URL
 * or GIT_URL the GitHub repository), the token of {@code commentCredentialsId} in the host's
 * variable, and for CodeCommit the step's own AWS access. Never fails the step: every failure is a
 * warning.
 */
final class PlanCommentWriter {
  private PlanCommentWriter() {}

  static PlanComments.Result post(StepSettings settings, StepRuntime runtime, String markdown, List<String> paths) {
    PullRequestHostKind kind = PullRequestHostKind.of(settings.options().get("comment"));
    String where = "cannot comment the plan on " + kind.optionName() + ": ";
    try {
      Map<String, String> environment = new HashMap<>(runtime.environment());
      String credentialsId = settings.options().get("commentCredentialsId");
      if (credentialsId != null) {
        environment.put(kind == PullRequestHostKind.GITLAB ? "GITLAB_TOKEN" : "GITHUB_TOKEN",
            SecretTextCredentials.secret(credentialsId, runtime.run()));
      }
      PullRequestHostSettings hostSettings =
          new PullRequestHostSettings(settings.options().get("codeCommitRepository"), null);
      String pullRequest = settings.options().get("pullRequest");
      if (kind != PullRequestHostKind.CODECOMMIT) {
        return PlanComments.post(kind, pullRequest, environment,
            () -> PullRequestHosts.create(kind, environment, hostSettings), paths, markdown);
      }
      try (AwsClients clients = runtime.clients(runtime.access())) {
        PullRequestHostSettings withRegion = new PullRequestHostSettings(hostSettings.codeCommitRepository(),
            clients.settings());
        return PlanComments.post(kind, pullRequest, environment,
            () -> PullRequestHosts.create(kind, environment, withRegion, clients), paths, markdown);
      }
    } catch (AbortException | RuntimeException e) {
      return new PlanComments.Result(Optional.empty(), where + e.getMessage());
    }
  }
}
