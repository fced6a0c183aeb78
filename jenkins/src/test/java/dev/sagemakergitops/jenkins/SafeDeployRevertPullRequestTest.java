package dev.sagemakergitops.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sagemakergitops.local.sagemaker.hosting.HostingService;
import dev.sagemakergitops.testkit.GitCli;
import dev.sagemakergitops.testkit.GitDaemon;
import dev.sagemakergitops.testkit.IntegrationPhase;
import dev.sagemakergitops.testkit.pullrequest.GitHubApiStandIn;
import hudson.AbortException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code safeDeploy(revertBranch:, push:, openPullRequest: 'github')} through the step's real
 * execution: SageMaker rolls the update back, the step writes the revert, pushes it to
 * {@code git daemon} on loopback and opens its pull request on the GitHub stand-in (which checks
 * every request against GitHub's OpenAPI description); a second rolled-back run updates the same
 * branch and pull request. The token comes from the build's environment, as
 * {@code withCredentials([string(credentialsId: .., variable: 'GITHUB_TOKEN')])} binds it.
 */
@IntegrationPhase
class SafeDeployRevertPullRequestTest {
  private static final String TOKEN = "ghs_jenkinsRevertToken0123";
  private static final String BRANCH = "revert/churn-prod";

  @TempDir Path served;
  @AutoClose private final LocalSetup setup;
  @AutoClose private final GitHubApiStandIn github = GitHubApiStandIn.start("acme", "models")
      .acceptToken(TOKEN, "jenkins-bot");

  SafeDeployRevertPullRequestTest(@TempDir Path directory) {
    setup = new LocalSetup(directory);
  }

  @Test
  void safeDeploy_rolledBackWithPushAndOpenPullRequest_pushesTheRevertAndOpensOnePullRequestThatTheNextRunUpdates() {
    register("churn/v1/model.tar.gz");
    setup.run(new SafeDeployStep(LocalSetup.MANIFEST)).result();
    register("churn/v2/model.tar.gz");
    String offending = setup.commitManifest("churn/2");
    setup.environment(Map.of("GITHUB_TOKEN", TOKEN, "GITHUB_API_URL", github.apiUrl().toString(),
        "GITHUB_REPOSITORY", "acme/models", "BRANCH_NAME", "main"));
    try (GitDaemon daemon = GitDaemon.serving(served)) {
      Path bare = daemon.bareRepository("models.git");

      StepRun first = rolledBack(daemon.url("models.git"));
      StepRun second = rolledBack(daemon.url("models.git"));

      assertThat(first.context.failure()).isInstanceOf(AbortException.class)
          .hasMessageContaining("safeDeploy was rolled back")
          .hasMessageContaining("wrote the revert of commit " + offending + " on branch " + BRANCH)
          .hasMessageContaining("pushed " + BRANCH + " to " + daemon.url("models.git") + " (CREATED)")
          .hasMessageContaining("; pull request 1 opened: ");
      assertThat(second.context.failure()).hasMessageContaining("; pull request 1 updated: ");
      String tip = GitCli.runLine(bare, "--git-dir", bare.toString(), "rev-parse", BRANCH);
      assertThat(GitCli.runLine(bare, "--git-dir", bare.toString(), "rev-parse", BRANCH + "~1")).isEqualTo(offending);
      assertThat(GitCli.runLine(bare, "--git-dir", bare.toString(), "log", "-1", "--format=%b", BRANCH))
          .isEqualTo("This reverts commit " + offending + ".");
      assertThat(second.context.log()).contains("safeDeploy: wrote the revert of commit " + offending)
          .contains(tip.substring(0, 12)).doesNotContain(TOKEN);
      assertThat(github.violations()).isEmpty();
      assertThat(github.pullRequests()).singleElement().satisfies(pull -> {
        assertThat(pull.head()).isEqualTo(BRANCH);
        assertThat(pull.base()).isEqualTo("main");
        assertThat(pull.title()).isEqualTo("churn-prod: revert " + offending.substring(0, 12)
            + " after SageMaker rolled back churn-prod");
        assertThat(pull.body()).contains("SageMaker rolled back endpoint `churn-prod`")
            .contains("the new fleet failed its health check").doesNotContain(TOKEN);
      });
    }
  }

  @Test
  void safeDeploy_rolledBackWhenThePushFails_stillWritesTheRevertAndSaysWhyItWasNotPushed() {
    register("churn/v1/model.tar.gz");
    setup.run(new SafeDeployStep(LocalSetup.MANIFEST)).result();
    register("churn/v2/model.tar.gz");
    String offending = setup.commitManifest("churn/2");

    StepRun run = rolledBack("git://127.0.0.1:9/none.git");

    assertThat(run.context.failure()).isInstanceOf(AbortException.class)
        .hasMessageContaining("wrote the revert of commit " + offending + " on branch " + BRANCH)
        .hasMessageContaining("warning: the branch " + BRANCH + " was not pushed: ");
  }

  /** A safeDeploy of the current commit that SageMaker rolls back. */
  private StepRun rolledBack(String remote) {
    setup.local.service(HostingService.class).failNextUpdate(LocalSetup.ENDPOINT, "the new fleet failed its health check");
    SafeDeployStep deploy = new SafeDeployStep(LocalSetup.MANIFEST);
    deploy.setRevertBranch(BRANCH);
    deploy.setPush(remote);
    deploy.setOpenPullRequest("github");
    return setup.run(deploy);
  }

  private void register(String artifactKey) {
    RegisterModelStep register = new RegisterModelStep(LocalSetup.MANIFEST);
    register.setModelArtifactUri(setup.putArtifact(artifactKey));
    setup.run(register).result();
  }
}
