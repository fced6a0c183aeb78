package dev.sagemakergitops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sagemakergitops.testkit.GitCli;
import dev.sagemakergitops.testkit.GitDaemon;
import dev.sagemakergitops.testkit.GitHttpBackend;
import dev.sagemakergitops.testkit.IntegrationPhase;
import dev.sagemakergitops.testkit.pullrequest.GitHubApiStandIn;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bump flow ending at the user: {@code register --bump-branch} and {@code bump} push the branch
 * to a real Git server on loopback ({@code git http-backend} behind token authentication, or
 * {@code git daemon}) and open the pull request on the GitHub stand-in, which checks every request
 * against GitHub's OpenAPI description. A second run updates the same branch and pull request.
 */
@IntegrationPhase
class PullRequestFlowTest extends LocalWorldTest {
  private static final String TOKEN = "ghs_pushFlowToken0123456789abcdef";
  private static final String BRANCH = "bump/churn-prod";
  private static final String REPORT = """
      {"binary_classification_metrics": {"accuracy": {"value": 0.912, "standard_deviation": 0.004},
        "auc": {"value": 0.95}}}
      """;

  @TempDir Path served;
  private GitHubApiStandIn github;

  @BeforeEach
  void startGitHub() {
    github = GitHubApiStandIn.start("acme", "models").acceptToken(TOKEN, "github-actions[bot]");
    world.environment(Map.of("GITHUB_TOKEN", TOKEN, "GITHUB_REPOSITORY", "acme/models",
        "GITHUB_API_URL", github.apiUrl().toString(), "GITHUB_REF_NAME", "main"));
  }

  @AfterEach
  void stopGitHub() {
    github.close();
  }

  @Test
  void register_withOpenPullRequestGithub_pushesWithTheTokenAndOpensOnePullRequestThatASecondRunUpdates() {
    world.putObject("ml-artifacts", "churn/evaluation.json", REPORT);
    world.putObject("ml-artifacts", "churn/first/model.tar.gz", "the model churn/1 serves");
    world.putObject("ml-artifacts", "churn/second/model.tar.gz", "a better model");
    world.commit(Churn.PATH, withMetrics(Churn.training("churn/1")), "Add churn");
    world.run("register", "--artifact", "s3://ml-artifacts/churn/first/model.tar.gz", Churn.PATH);
    try (GitHttpBackend server = GitHttpBackend.serving(served, "x-access-token", TOKEN)) {
      Path bare = server.bareRepository("models.git");
      String[] register = {"register", "--json", "--artifact", "s3://ml-artifacts/churn/second/model.tar.gz",
          "--bump-branch", BRANCH, "--push", server.url("models.git"), "--open-pull-request", "github", Churn.PATH};

      CommandLineRun first = world.run(register);
      CommandLineRun second = world.run(register);

      assertThat(first.exitCode()).as(first.err()).isZero();
      assertThat(second.exitCode()).as(second.err()).isZero();
      assertThat(github.violations()).isEmpty();
      JsonNode opened = first.json();
      String bumpCommit = opened.at("/result/bumpCommit").asText();
      assertThat(opened.at("/push/action").asText()).isEqualTo("CREATED");
      assertThat(opened.at("/push/commit").asText()).isEqualTo(bumpCommit);
      assertThat(opened.at("/pullRequest/action").asText()).isEqualTo("OPENED");
      assertThat(opened.at("/pullRequest/base").asText()).isEqualTo("main");
      assertThat(second.json().at("/pullRequest/action").asText()).isEqualTo("UPDATED");
      assertThat(second.json().at("/pullRequest/number").asText()).isEqualTo(opened.at("/pullRequest/number").asText());
      assertThat(GitCli.runLine(bare, "--git-dir", bare.toString(), "rev-parse", BRANCH)).isEqualTo(bumpCommit);
      assertThat(GitCli.run(bare, "--git-dir", bare.toString(), "show", BRANCH + ":" + Churn.PATH))
          .contains("package: churn/2   # the line a pull request bumps");
      assertThat(server.authenticatedUsers()).containsOnly("x-access-token");
      List<GitHubApiStandIn.PullRequest> pulls = github.pullRequests();
      assertThat(pulls).hasSize(1);
      GitHubApiStandIn.PullRequest pull = pulls.get(0);
      assertThat(pull.head()).isEqualTo(BRANCH);
      assertThat(pull.base()).isEqualTo("main");
      assertThat(pull.title()).isEqualTo("churn-prod: deploy churn/2");
      assertThat(pull.body())
          .contains("| binary_classification_metrics.accuracy | 0.912 ± 0.004 |")
          .contains("| Manifest | `" + Churn.PATH + "` |")
          .contains("| Image | `" + LocalWorld.REGISTRY + "/churn-xgb@sha256:")
          .doesNotContain(TOKEN);
      assertThat(first.out() + first.err() + second.out() + second.err()).doesNotContain(TOKEN);
    }
  }

  @Test
  void bump_whenRunAgainOnANewBase_forcePushesOverItsOwnCommitAndUpdatesThePullRequest() {
    world.commit(Churn.PATH, Churn.training("churn/1"), "Add churn");
    try (GitDaemon daemon = GitDaemon.serving(served)) {
      Path bare = daemon.bareRepository("models.git");
      String remote = daemon.url("models.git");

      CommandLineRun first = world.run("bump", "--to", "churn/2", "--branch", BRANCH, "--push", remote,
          "--open-pull-request", "github", Churn.PATH);
      String newBase = world.commit("README.md", "Models of acme.\n", "Describe the repository");
      CommandLineRun second = world.run("bump", "--json", "--to", "churn/3", "--branch", BRANCH, "--push", remote,
          "--open-pull-request", "github", Churn.PATH);

      assertThat(first.exitCode()).as(first.err()).isZero();
      assertThat(first.out()).containsPattern("Pushed new branch " + BRANCH + " to " + remote
          + "; opened pull request #[0-9]+ into main");
      assertThat(second.exitCode()).as(second.err()).isZero();
      JsonNode json = second.json();
      assertThat(json.at("/push/action").asText()).isEqualTo("UPDATED");
      assertThat(json.at("/pullRequest/action").asText()).isEqualTo("UPDATED");
      assertThat(GitCli.runLine(bare, "--git-dir", bare.toString(), "log", "--format=%s", BRANCH))
          .isEqualTo("Bump churn-prod to model package churn/3\nDescribe the repository\nAdd churn");
      assertThat(GitCli.runLine(bare, "--git-dir", bare.toString(), "rev-parse", BRANCH + "~1")).isEqualTo(newBase);
      assertThat(github.pullRequests()).singleElement()
          .satisfies(pull -> assertThat(pull.title()).isEqualTo("churn-prod: deploy churn/3"));
      assertThat(github.violations()).isEmpty();
    }
  }

  @Test
  void bump_whenSomeoneElsePushedToTheBranch_exitsOneAndLeavesTheirCommit() {
    world.commit(Churn.PATH, Churn.training("churn/1"), "Add churn");
    try (GitDaemon daemon = GitDaemon.serving(served)) {
      Path bare = daemon.bareRepository("models.git");
      String remote = daemon.url("models.git");
      world.run("bump", "--to", "churn/2", "--branch", BRANCH, "--push", remote, Churn.PATH);
      Path clone = served.resolve("clone");
      GitCli.run(served, "clone", "--quiet", "--branch", BRANCH, remote, clone.toString());
      GitCli.run(clone, "commit", "--quiet", "--allow-empty", "-m", "Reviewer: retrain first");
      GitCli.run(clone, "push", "--quiet", "origin", BRANCH);
      String theirs = GitCli.runLine(clone, "rev-parse", "HEAD");

      CommandLineRun again = world.run("bump", "--to", "churn/3", "--branch", BRANCH, "--push", remote, Churn.PATH);

      assertThat(again.exitCode()).isEqualTo(1);
      assertThat(again.err()).contains("error: branch '" + BRANCH + "' at " + remote)
          .contains("Reviewer: retrain first").contains("nothing was pushed");
      assertThat(GitCli.runLine(bare, "--git-dir", bare.toString(), "rev-parse", BRANCH)).isEqualTo(theirs);
      assertThat(github.pullRequests()).isEmpty();
    }
  }

  @Test
  void bump_whenPullRequestBaseWithoutAHost_exitsTwoAndWritesNothing() {
    world.commit(Churn.PATH, Churn.training("churn/1"), "Add churn");

    CommandLineRun run = world.run("bump", "--to", "churn/2", "--branch", BRANCH, "--pull-request-base", "main",
        Churn.PATH);

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--pull-request-base: only with --open-pull-request");
    assertThat(GitCli.run(world.repository(), "branch", "--list", BRANCH)).isEmpty();
  }

  @Test
  void status_withRevertBranchAndOpenPullRequest_opensOneRevertPullRequestNamingTheRollbackAndKeepsExitThree() {
    Churn.twoVersions(world);
    world.commit(Churn.PATH, Churn.serving("churn/1", ""), "Deploy churn/1");
    assertThat(world.run("deploy", Churn.PATH).exitCode()).isZero();
    String bump = world.commit(Churn.PATH, Churn.serving("churn/2", ""), "Bump churn to 2");
    world.hosting().tripAlarmAtStep(Churn.NAME, Churn.ALARM, 1);
    assertThat(world.run("deploy", Churn.PATH).exitCode()).isEqualTo(3);
    try (GitDaemon daemon = GitDaemon.serving(served)) {
      Path bare = daemon.bareRepository("models.git");
      String[] status = {"status", "--json", "--write-revert-branch", "revert/churn-prod", "--push",
          daemon.url("models.git"), "--open-pull-request", "github"};

      CommandLineRun first = world.run(status);
      CommandLineRun second = world.run(status);

      assertThat(first.exitCode()).as(first.err()).isEqualTo(3);
      assertThat(second.exitCode()).as(second.err()).isEqualTo(3);
      assertThat(first.json().at("/pullRequest/action").asText()).isEqualTo("OPENED");
      assertThat(second.json().at("/pullRequest/action").asText()).isEqualTo("UPDATED");
      assertThat(second.json().at("/push/action").asText()).isIn("UPDATED", "UP_TO_DATE");
      String revert = second.json().at("/push/commit").asText();
      assertThat(GitCli.runLine(bare, "--git-dir", bare.toString(), "rev-parse", "revert/churn-prod")).isEqualTo(revert);
      assertThat(GitCli.runLine(bare, "--git-dir", bare.toString(), "log", "-1", "--format=%b", "revert/churn-prod"))
          .isEqualTo("This reverts commit " + bump + ".");
      GitHubApiStandIn.PullRequest pull = github.pullRequests().get(0);
      assertThat(github.pullRequests()).hasSize(1);
      assertThat(github.violations()).isEmpty();
      assertThat(pull.title()).isEqualTo("churn-prod: revert " + bump.substring(0, 12)
          + " after SageMaker rolled back churn-prod");
      assertThat(pull.body())
          .contains("SageMaker rolled back endpoint `churn-prod` (" + LocalWorld.REGION + ")")
          .contains("| Alarms that fired | `" + Churn.ALARM + "` |")
          .contains("| Commit reverted | `" + bump.substring(0, 12) + "` Bump churn to 2 |")
          .contains("| Revert commit | `" + revert.substring(0, 12) + "` |");
    }
  }

  /** The manifest with {@code spec.registry.metrics} naming the evaluation report. */
  private static String withMetrics(String manifest) {
    return manifest.replaceFirst("( *)approval: Approved\n", "$1approval: Approved\n$1metrics: s3://ml-artifacts/churn/evaluation.json\n");
  }
}
