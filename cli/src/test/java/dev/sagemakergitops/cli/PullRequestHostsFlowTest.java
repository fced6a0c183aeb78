package dev.sagemakergitops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sagemakergitops.core.git.PushCredentials;
import dev.sagemakergitops.local.codecommit.CodeCommitService;
import dev.sagemakergitops.testkit.GitCli;
import dev.sagemakergitops.testkit.GitHttpBackend;
import dev.sagemakergitops.testkit.IntegrationPhase;
import dev.sagemakergitops.testkit.pullrequest.GitLabApiStandIn;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.codecommit.CodeCommitClient;
import software.amazon.awssdk.services.codecommit.model.PullRequest;
import software.amazon.awssdk.services.codecommit.model.PullRequestTarget;

/**
 * {@code bump --push --open-pull-request} ending on GitLab and on CodeCommit, as
 * {@link PullRequestFlowTest} does on GitHub: the branch goes to git's own {@code git http-backend}
 * on loopback, and the pull request (merge request) is opened on the GitLab stand-in, or through the
 * AWS SDK on the local control plane's CodeCommit; a second run on a new base force-pushes the
 * rewritten branch and updates the same pull request instead of opening another.
 */
@IntegrationPhase
class PullRequestHostsFlowTest extends LocalWorldTest {
  private static final String BRANCH = "bump/churn-prod";
  private static final String GITLAB_TOKEN = "glpat-pushFlowToken0123456789";

  @TempDir Path served;

  @Test
  void bump_withOpenPullRequestGitlab_pushesAsOauth2AndOpensOneMergeRequestThatASecondRunUpdates() {
    world.commit(Churn.PATH, Churn.training("churn/1"), "Add churn");
    try (GitLabApiStandIn gitlab = GitLabApiStandIn.start("42", "ml/models").acceptToken(GITLAB_TOKEN, "project_42_bot");
        GitHttpBackend server = GitHttpBackend.serving(served, "oauth2", GITLAB_TOKEN)) {
      world.environment(Map.of("CI_API_V4_URL", gitlab.apiV4Url().toString(), "CI_PROJECT_ID", "42",
          "GITLAB_TOKEN", GITLAB_TOKEN, "CI_DEFAULT_BRANCH", "main"));
      Path bare = server.bareRepository("models.git");

      CommandLineRun first = world.run("bump", "--json", "--to", "churn/2", "--branch", BRANCH, "--push",
          server.url("models.git"), "--open-pull-request", "gitlab", Churn.PATH);
      String newBase = world.commit("README.md", "Models of ml.\n", "Describe the repository");
      CommandLineRun second = world.run("bump", "--json", "--to", "churn/3", "--branch", BRANCH, "--push",
          server.url("models.git"), "--open-pull-request", "gitlab", Churn.PATH);

      assertThat(first.exitCode()).as(first.err()).isZero();
      assertThat(second.exitCode()).as(second.err()).isZero();
      assertThat(first.json().at("/push/action").asText()).isEqualTo("CREATED");
      assertThat(first.json().at("/pullRequest/action").asText()).isEqualTo("OPENED");
      JsonNode updated = second.json();
      assertThat(updated.at("/push/action").asText()).isEqualTo("UPDATED");
      assertThat(updated.at("/pullRequest/action").asText()).isEqualTo("UPDATED");
      assertThat(updated.at("/pullRequest/number").asText()).isEqualTo(first.json().at("/pullRequest/number").asText());
      assertThat(GitCli.runLine(bare, "--git-dir", bare.toString(), "rev-parse", BRANCH))
          .isEqualTo(updated.at("/push/commit").asText());
      assertThat(GitCli.runLine(bare, "--git-dir", bare.toString(), "rev-parse", BRANCH + "~1")).isEqualTo(newBase);
      // GitLab's push user for a project access token is oauth2 (docs.gitlab.com, "clone using a token").
      assertThat(server.authenticatedUsers()).isNotEmpty().containsOnly("oauth2");
      assertThat(gitlab.violations()).isEmpty();
      assertThat(gitlab.mergeRequests()).singleElement().satisfies(mergeRequest -> {
        assertThat(mergeRequest.sourceBranch()).isEqualTo(BRANCH);
        assertThat(mergeRequest.targetBranch()).isEqualTo("main");
        assertThat(mergeRequest.title()).isEqualTo("churn-prod: deploy churn/3");
        assertThat(mergeRequest.description()).contains("| Manifest | `" + Churn.PATH + "` |")
            .doesNotContain(GITLAB_TOKEN);
      });
      assertThat(first.out() + first.err() + second.out() + second.err()).doesNotContain(GITLAB_TOKEN);
    }
  }

  /**
   * The local control plane's CodeCommit keeps no Git objects: a branch is known to it only through
   * {@link CodeCommitService#pushBranch}. So that it knows exactly what a CodeCommit repository
   * would, and when, the git server tells it each branch tip it has just received, before the push
   * returns to the command (which then opens the pull request). Nothing here tells it what the
   * command meant to push. The push itself authenticates with an explicit user and password
   * ({@code SAGEMAKER_GITOPS_GIT_USERNAME}/{@code _PASSWORD}): CodeCommit's SigV4 Git password is
   * tied to a real CodeCommit host name, which a loopback server does not have (the signature is
   * checked against the AWS CLI's own credential helper in {@code CodeCommitGitSignerTest}).
   */
  @Test
  void bump_withOpenPullRequestCodecommit_opensOnePullRequestOnTheBranchPushedThatASecondRunUpdates() {
    String main = world.commit(Churn.PATH, Churn.training("churn/1"), "Add churn");
    CodeCommitService codeCommit = world.local().service(CodeCommitService.class);
    try (GitHttpBackend server = GitHttpBackend.serving(served, "codecommit-user", "codecommit-password")
        .afterPush(repository -> mirrorBranches(codeCommit, repository));
        CodeCommitClient client = CodeCommitClient.builder().endpointOverride(world.local().endpoint())
            .region(Region.of(LocalWorld.REGION)).build()) {
      Path bare = server.bareRepository("models.git");
      String authenticated = server.url("models.git").replace("http://", "http://codecommit-user:codecommit-password@");
      GitCli.run(world.repository(), "push", "--quiet", authenticated, "main");
      world.environment(Map.of(PushCredentials.USERNAME_VARIABLE, "codecommit-user", PushCredentials.PASSWORD_VARIABLE,
          "codecommit-password", "CODEBUILD_SOURCE_REPO_URL",
          "https://git-codecommit." + LocalWorld.REGION + ".amazonaws.com/v1/repos/models"));

      CommandLineRun first = world.run("bump", "--json", "--to", "churn/2", "--branch", BRANCH, "--push",
          server.url("models.git"), "--open-pull-request", "codecommit", "--pull-request-base", "main", Churn.PATH);
      String firstTip = GitCli.runLine(bare, "--git-dir", bare.toString(), "rev-parse", BRANCH);
      String id = first.json().at("/pullRequest/number").asText();
      PullRequestTarget opened = client.getPullRequest(r -> r.pullRequestId(id)).pullRequest().pullRequestTargets()
          .get(0);
      world.commit("README.md", "Models of acme.\n", "Describe the repository");
      CommandLineRun second = world.run("bump", "--json", "--to", "churn/3", "--branch", BRANCH, "--push",
          server.url("models.git"), "--open-pull-request", "codecommit", "--pull-request-base", "main", Churn.PATH);

      assertThat(first.exitCode()).as(first.err()).isZero();
      assertThat(second.exitCode()).as(second.err()).isZero();
      assertThat(first.json().at("/push/commit").asText()).isEqualTo(firstTip);
      assertThat(first.json().at("/pullRequest/action").asText()).isEqualTo("OPENED");
      assertThat(second.json().at("/push/action").asText()).isEqualTo("UPDATED");
      assertThat(second.json().at("/pullRequest/action").asText()).isEqualTo("UPDATED");
      assertThat(second.json().at("/pullRequest/number").asText()).isEqualTo(id);
      assertThat(client.listPullRequests(r -> r.repositoryName("models")).pullRequestIds()).containsExactly(id);
      // The tips when the pull request was opened: the branch as the git server received it, and main.
      assertThat(opened.sourceReference()).isEqualTo("refs/heads/" + BRANCH);
      assertThat(opened.destinationReference()).isEqualTo("refs/heads/main");
      assertThat(opened.sourceCommit()).isEqualTo(firstTip);
      assertThat(opened.destinationCommit()).isEqualTo(main);
      PullRequest pull = client.getPullRequest(r -> r.pullRequestId(id)).pullRequest();
      assertThat(pull.title()).isEqualTo("churn-prod: deploy churn/3");
      assertThat(pull.description()).contains("| Manifest | `" + Churn.PATH + "` |").doesNotContain("codecommit-password");
    }
  }

  /** Tells the local CodeCommit each branch tip the bare repository has, as a push to CodeCommit would set it. */
  private static void mirrorBranches(CodeCommitService codeCommit, Path bare) {
    String refs = GitCli.run(bare, "--git-dir", bare.toString(), "for-each-ref", "--format=%(refname:short) %(objectname)",
        "refs/heads");
    for (String line : List.of(refs.strip().split("\n"))) {
      String[] branchAndTip = line.split(" ");
      codeCommit.pushBranch(LocalWorld.REGION, "models", branchAndTip[0], branchAndTip[1]);
    }
  }
}
