package dev.sagemakergitops.jenkins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sagemakergitops.testkit.GitCli;
import dev.sagemakergitops.testkit.GitDaemon;
import dev.sagemakergitops.testkit.IntegrationPhase;
import dev.sagemakergitops.testkit.pullrequest.GitHubApiStandIn;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code registerModel(bumpBranch:, push:, openPullRequest: 'github')} through the step's real
 * execution: the bump branch is pushed to {@code git daemon} on loopback and its pull request opened
 * on the GitHub stand-in, then updated by a second run. The token comes from the build's
 * environment, as {@code withCredentials([string(credentialsId: .., variable: 'GITHUB_TOKEN')])}
 * binds it; the lookup of {@code gitCredentialsId} needs a running Jenkins.
 */
@IntegrationPhase
class RegisterPullRequestStepTest {
  private static final String TOKEN = "ghs_jenkinsRegisterToken0123";
  private static final String BRANCH = "bump/churn-prod";

  @TempDir Path served;
  private final Path directory;
  @AutoClose private final LocalSetup setup;
  @AutoClose private final GitHubApiStandIn github = GitHubApiStandIn.start("acme", "models")
      .acceptToken(TOKEN, "jenkins-bot");

  RegisterPullRequestStepTest(@TempDir Path directory) {
    this.directory = directory;
    setup = new LocalSetup(directory);
  }

  @Test
  void registerModel_withPushAndOpenPullRequest_pushesTheBumpAndOpensOnePullRequestThatTheNextRunUpdates() {
    setup.commitManifest("churn/7");
    setup.environment(Map.of("GITHUB_TOKEN", TOKEN, "GITHUB_API_URL", github.apiUrl().toString(),
        "GITHUB_REPOSITORY", "acme/models", "BRANCH_NAME", "main"));
    String artifact = setup.putArtifact("churn/a/model.tar.gz");
    try (GitDaemon daemon = GitDaemon.serving(served)) {
      Path bare = daemon.bareRepository("models.git");

      Map<String, Object> first = setup.run(register(artifact, daemon.url("models.git"))).result();
      Map<String, Object> second = setup.run(register(artifact, daemon.url("models.git"))).result();

      assertThat(first).containsEntry("pushAction", "CREATED").containsEntry("pullRequestAction", "OPENED")
          .containsEntry("pushedCommit", first.get("bumpCommit")).doesNotContainKey(PullRequestOptions.SUMMARY);
      assertThat(second).containsEntry("pullRequestAction", "UPDATED")
          .containsEntry("pullRequestNumber", first.get("pullRequestNumber"));
      assertThat(GitCli.runLine(bare, "--git-dir", bare.toString(), "rev-parse", BRANCH))
          .isEqualTo(second.get("bumpCommit"));
      assertThat(github.violations()).isEmpty();
      assertThat(github.pullRequests()).singleElement().satisfies(pull -> {
        assertThat(pull.head()).isEqualTo(BRANCH);
        assertThat(pull.base()).isEqualTo("main");
        assertThat(pull.title()).isEqualTo("churn-prod: deploy churn/1");
        assertThat(pull.body()).contains("| Manifest | `" + LocalSetup.MANIFEST + "` |").doesNotContain(TOKEN);
      });
    }
  }

  @Test
  void registerModel_whenThePushFails_succeedsWithAWarning() {
    setup.commitManifest("churn/7");
    String artifact = setup.putArtifact("churn/a/model.tar.gz");

    Map<String, Object> result = setup.run(register(artifact, "git://127.0.0.1:9/none.git")).result();

    assertThat(result).containsEntry("outcome", "succeeded").containsKey("bumpCommit");
    assertThat((String) result.get(PullRequestOptions.WARNING)).startsWith("the branch " + BRANCH + " was not pushed: ");
  }

  @Test
  void setOpenPullRequest_whenNotAHost_isRefusedAtBinding() {
    assertThatThrownBy(() -> new RegisterModelStep(LocalSetup.MANIFEST).setOpenPullRequest("bitbucket"))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("expected github, gitlab or codecommit, got 'bitbucket'");
  }

  private static RegisterModelStep register(String artifact, String remote) {
    RegisterModelStep step = new RegisterModelStep(LocalSetup.MANIFEST);
    step.setModelArtifactUri(artifact);
    step.setBumpBranch(BRANCH);
    step.setPush(remote);
    step.setOpenPullRequest("github");
    return step;
  }
}
