package dev.sagemakergitops.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sagemakergitops.core.aws.AwsClients;
import dev.sagemakergitops.core.aws.AwsSettings;
import dev.sagemakergitops.core.git.GitCredentials;
import dev.sagemakergitops.core.git.PushCredentials;
import dev.sagemakergitops.core.operation.BuildInfo;
import dev.sagemakergitops.core.operation.OperationContext;
import dev.sagemakergitops.core.pullrequest.PullRequestDraft;
import dev.sagemakergitops.testkit.GitCli;
import dev.sagemakergitops.testkit.GitHttpBackend;
import dev.sagemakergitops.testkit.GitRepositoryBuilder;
import dev.sagemakergitops.testkit.IntegrationPhase;
import dev.sagemakergitops.testkit.pullrequest.GitHubApiStandIn;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kinds of {@code gitCredentialsId} as a push uses them ({@link GitAccess}; the lookup itself,
 * {@link GitHostCredentials}, needs a running Jenkins): "Username with password" pushes to
 * {@code git http-backend} behind Basic authentication on loopback as that user, and its password
 * opens the pull request on the GitHub stand-in as the token; an "SSH Username with private key"
 * becomes core's in-memory key (its pushes over SSH are core's {@code BranchPushSshTest}). No secret
 * shows in what the access prints.
 */
@IntegrationPhase
class GitAccessTest {
  private static final String USER = "acme-gitops-bot";
  private static final String TOKEN = "ghp_usernamePasswordToken0123456789";
  private static final String BRANCH = "bump/churn-prod";

  @TempDir Path directory;
  @TempDir Path served;

  @Test
  void publish_withUsernamePasswordCredentials_pushesAsThatUserAndOpensThePullRequestWithThePassword() {
    GitAccess access = GitAccess.of(Map.of("GITHUB_REPOSITORY", "acme/models"))
        .withUsernamePassword("GITHUB_TOKEN", USER, TOKEN);
    try (GitRepositoryBuilder repository = GitRepositoryBuilder.init(directory.resolve("repository"));
        GitHttpBackend server = GitHttpBackend.serving(served, USER, TOKEN);
        GitHubApiStandIn github = GitHubApiStandIn.start("acme", "models").acceptToken(TOKEN, USER);
        AwsClients clients = AwsClients.create(AwsSettings.defaults().withRegion("us-east-1"))) {
      repository.file("models/churn/prod.yaml", "kind: ModelDeployment\n").commit("Add churn");
      String bump = repository.file("models/churn/prod.yaml", "kind: ModelDeployment # 2\n").commit("Bump churn");
      GitCli.run(repository.directory(), "branch", BRANCH, bump);
      Path bare = server.bareRepository("models.git");
      Map<String, String> environment = new java.util.HashMap<>(access.environment());
      environment.put("GITHUB_API_URL", github.apiUrl().toString());

      Map<String, Object> published = PullRequestOptions.publish(Map.of(PullRequestOptions.PUSH,
              server.url("models.git"), PullRequestOptions.OPEN_PULL_REQUEST, "github",
              PullRequestOptions.PULL_REQUEST_BASE, "main"), repository.directory(), BRANCH,
          OperationContext.of(clients, Clock.systemUTC(), new BuildInfo(null, "jenkins")),
          new GitAccess(environment, access.credentials()),
          git -> base -> new PullRequestDraft(BRANCH, base, "churn-prod: deploy churn/2", "Bump."));

      assertThat(published).containsEntry("pushAction", "CREATED").containsEntry("pushedCommit", bump)
          .containsEntry("pullRequestAction", "OPENED").doesNotContainKey(PullRequestOptions.WARNING);
      assertThat(server.authenticatedUsers()).isNotEmpty().containsOnly(USER);
      assertThat(GitCli.runLine(bare, "--git-dir", bare.toString(), "rev-parse", BRANCH)).isEqualTo(bump);
      assertThat(github.pullRequests()).singleElement().satisfies(pull -> assertThat(pull.head()).isEqualTo(BRANCH));
      assertThat(github.violations()).isEmpty();
      assertThat(String.valueOf(published)).doesNotContain(TOKEN);
    }
  }

  @Test
  void withUsernamePassword_bindsTheExplicitHttpsUserAndPasswordAndTheHostsToken() {
    GitAccess access = GitAccess.of(Map.of("BRANCH_NAME", "main")).withUsernamePassword("GITLAB_TOKEN", USER, TOKEN);

    assertThat(access.environment()).containsEntry(PushCredentials.USERNAME_VARIABLE, USER)
        .containsEntry(PushCredentials.PASSWORD_VARIABLE, TOKEN).containsEntry("GITLAB_TOKEN", TOKEN)
        .containsEntry("BRANCH_NAME", "main");
    assertThat(access.credentials()).isNull();
    assertThat(access.toString()).doesNotContain(TOKEN);
  }

  @Test
  void withSshKey_holdsTheKeysInMemoryAsCoresSshCredentialsAndPrintsNoSecret() {
    String key = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n";
    Path ssh = directory.resolve(".ssh");

    GitAccess access = GitAccess.of(Map.of("GITHUB_TOKEN", "ghs_fromWithCredentials"))
        .withSshKey("deploy-key", "git", List.of(key), "open sesame", ssh);
    GitAccess withoutUser = GitAccess.of(Map.of()).withSshKey("deploy-key", " ", List.of(key), "", ssh);

    assertThat(access.credentials()).isEqualTo(new GitCredentials.SshPrivateKey("git", List.of(key), "open sesame", ssh,
        "SSH key of Jenkins credentials 'deploy-key'"));
    assertThat(access.environment()).containsOnly(Map.entry("GITHUB_TOKEN", "ghs_fromWithCredentials"));
    assertThat(withoutUser.credentials()).isEqualTo(new GitCredentials.SshPrivateKey(null, List.of(key), null, ssh,
        "SSH key of Jenkins credentials 'deploy-key'"));
    assertThat(access.toString() + access.credentials()).doesNotContain("b3BlbnNzaC1rZXktdjEAAAAA")
        .doesNotContain("open sesame").contains("deploy-key");
  }
}
