package dev.sagemakergitops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sagemakergitops.core.operation.PollingPolicy;
import dev.sagemakergitops.core.operation.Sleeper;
import dev.sagemakergitops.testkit.GitRepositoryBuilder;
import dev.sagemakergitops.testkit.IntegrationPhase;
import dev.sagemakergitops.testkit.pullrequest.GitHubApiStandIn;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code plan --comment github} through the real command line against the GitHub stand-in, which
 * checks every request against GitHub's published OpenAPI description.
 */
@IntegrationPhase
class PlanCommentCommandTest {
  private static final String TOKEN = "ghs_planCommentTestToken0123456789";

  @TempDir Path dir;
  private GitHubApiStandIn github;
  private GitRepositoryBuilder repo;

  @BeforeEach
  void start() {
    github = GitHubApiStandIn.start("acme", "models").acceptToken(TOKEN, "github-actions[bot]")
        .acceptToken("ghp_someoneElse", "alice").pullRequest(7, "churn-8", "main");
    repo = GitRepositoryBuilder.init(dir);
    repo.file("models/churn/prod.yaml", manifest("churn-prod", "churn/7")).commit("churn 7");
    repo.file("models/churn/prod.yaml", manifest("churn-prod", "churn/8")).commit("churn 8");
  }

  @AfterEach
  void stop() {
    repo.close();
    github.close();
  }

  @Test
  void planComment_whenRunTwice_postsOneCommentThenEditsItAndLeavesOthersAlone() {
    github.addComment(7, "alice", "Looks good, but see the plan.");

    CommandLineRun first = plan(environment(), "--comment", "github", "--pull-request", "7");
    repo.file("models/churn/prod.yaml", manifest("churn-prod", "churn/9")).commit("churn 9");
    CommandLineRun second = plan(environment(), "--comment", "github", "--pull-request", "7");

    assertThat(github.violations()).isEmpty();
    assertThat(first.exitCode()).isZero();
    assertThat(first.err()).startsWith("Posted the plan on github pull request 7: https://github.com/acme/models/pull/7"
        + "#issuecomment-");
    assertThat(second.exitCode()).isZero();
    assertThat(second.err()).startsWith("Edited the plan on github pull request 7: ");
    List<GitHubApiStandIn.Comment> comments = github.comments(7);
    assertThat(comments).hasSize(2);
    assertThat(comments.get(0).author()).isEqualTo("alice");
    assertThat(comments.get(0).body()).isEqualTo("Looks good, but see the plan.");
    GitHubApiStandIn.Comment plan = comments.get(1);
    assertThat(plan.author()).isEqualTo("github-actions[bot]");
    assertThat(plan.body()).startsWith("<!-- sagemaker-gitops:plan -->\n").contains("churn/9").doesNotContain(TOKEN);
    // The plan's own output is the same with and without --comment.
    assertThat(second.out()).isEqualTo(plan(environment()).out());
  }

  @Test
  void planComment_whenPlansOfDifferentPaths_keepsACommentEach() {
    repo.file("models/fraud/prod.yaml", manifest("fraud-prod", "fraud/3"))
        .commit("fraud");

    plan(environment(), "--comment", "github", "--pull-request", "7", "models/churn");
    plan(environment(), "--comment", "github", "--pull-request", "7", "models/fraud");
    CommandLineRun again = plan(environment(), "--comment", "github", "--pull-request", "7", "models/fraud");

    assertThat(github.violations()).isEmpty();
    assertThat(again.err()).startsWith("Edited the plan on github pull request 7");
    assertThat(github.comments(7)).extracting(c -> c.body().lines().findFirst().orElseThrow())
        .containsExactly("<!-- sagemaker-gitops:plan models/churn -->", "<!-- sagemaker-gitops:plan models/fraud -->");
  }

  @Test
  void planComment_whenCommentsSpanPages_findsItsCommentOnALaterPage() {
    plan(environment(), "--comment", "github", "--pull-request", "7");
    for (int i = 0; i < 120; i++) {
      github.addComment(7, "alice", "comment " + i);
    }
    // Move the plan's comment behind the others: the stand-in lists oldest first.
    CommandLineRun again = plan(environment(), "--comment", "github", "--pull-request", "7");

    assertThat(github.violations()).isEmpty();
    assertThat(again.err()).startsWith("Edited the plan on github pull request 7");
    assertThat(github.comments(7)).hasSize(121);
  }

  @Test
  void planComment_whenTokenMissingOrRefused_warnsAndKeepsThePlanAndItsExitCode() {
    Map<String, String> noToken = Map.of("GITHUB_REPOSITORY", "acme/models",
        "GITHUB_API_URL", github.apiUrl().toString());
    Map<String, String> badToken = Map.of("GITHUB_REPOSITORY", "acme/models",
        "GITHUB_API_URL", github.apiUrl().toString(), "GITHUB_TOKEN", "ghp_revokedToken42");

    CommandLineRun missing = plan(noToken, "--comment", "github", "--pull-request", "7");
    CommandLineRun refused = plan(badToken, "--comment", "github", "--pull-request", "7");

    assertThat(missing.exitCode()).isZero();
    assertThat(missing.out()).isEqualTo(plan(noToken).out());
    assertThat(missing.err()).startsWith("warning: cannot comment the plan on github pull request 7: GITHUB_TOKEN is"
        + " not set");
    assertThat(refused.exitCode()).isZero();
    assertThat(refused.err()).startsWith("warning: cannot comment the plan on github pull request 7: GitHub answered GET"
        + " /repos/acme/models/issues/7/comments with HTTP 401: Bad credentials").doesNotContain("ghp_revokedToken42");
    assertThat(github.comments(7)).isEmpty();
  }

  @Test
  void planComment_whenNoNumberAnywhere_warnsWhereItLooked() {
    CommandLineRun run = plan(environment(), "--comment", "github");

    assertThat(run.exitCode()).isZero();
    assertThat(run.err()).startsWith("warning: no pull request to comment on: none of --pull-request,"
        + " GITHUB_EVENT_PATH");
  }

  @Test
  void planComment_whenJenkinsNamesTheChange_commentsOnIt() {
    Map<String, String> jenkins = new java.util.HashMap<>(environment());
    jenkins.put("CHANGE_ID", "7");

    CommandLineRun run = plan(jenkins, "--comment", "github");

    assertThat(run.err()).startsWith("Posted the plan on github pull request 7");
    assertThat(github.comments(7)).hasSize(1);
  }

  @Test
  void planComment_onCodeCommit_postsThenEditsThroughTheAwsSdk() {
    try (dev.sagemakergitops.local.LocalControlPlane local = dev.sagemakergitops.local.LocalControlPlane.builder()
        .service(new dev.sagemakergitops.local.codecommit.CodeCommitService()).start()) {
      var codeCommit = local.service(dev.sagemakergitops.local.codecommit.CodeCommitService.class);
      codeCommit.pushBranch("us-east-1", "models", "main", "1111111111111111111111111111111111111111");
      codeCommit.pushBranch("us-east-1", "models", "churn-9", "2222222222222222222222222222222222222222");
      String id;
      try (var client = software.amazon.awssdk.services.codecommit.CodeCommitClient.builder()
          .endpointOverride(local.endpoint()).region(software.amazon.awssdk.regions.Region.US_EAST_1).build()) {
        id = client.createPullRequest(r -> r.title("churn 9").targets(t -> t.repositoryName("models")
            .sourceReference("churn-9").destinationReference("main"))).pullRequest().pullRequestId();
      }
      Map<String, String> codeBuild = Map.of("CODEBUILD_WEBHOOK_TRIGGER", "pr/" + id,
          "CODEBUILD_SOURCE_REPO_URL", "https://git-codecommit.us-east-1.amazonaws.com/v1/repos/models");

      CommandLineRun first = plan(codeBuild, "--comment", "codecommit", "--endpoint-url", local.endpoint().toString());
      CommandLineRun second = plan(codeBuild, "--comment", "codecommit", "--endpoint-url", local.endpoint().toString());

      assertThat(first.err()).startsWith("Posted the plan on codecommit pull request " + id + ": https://us-east-1"
          + ".console.aws.amazon.com/codesuite/codecommit/repositories/models/pull-requests/" + id);
      assertThat(second.err()).startsWith("Edited the plan on codecommit pull request " + id);
      assertThat(codeCommit.commentContents("us-east-1", id)).singleElement().asString()
          .startsWith("<!-- sagemaker-gitops:plan -->\n");
    }
  }

  @Test
  void planComment_onGitLabMergeRequestPipeline_postsThenEditsOneNote() {
    try (var gitlab = dev.sagemakergitops.testkit.pullrequest.GitLabApiStandIn.start("42", "ml/models")
        .acceptToken("glpat-planTest", "project_42_bot").mergeRequest(3, "churn-9", "main")) {
      Map<String, String> pipeline = Map.of("CI_API_V4_URL", gitlab.apiV4Url().toString(), "CI_PROJECT_ID", "42",
          "CI_MERGE_REQUEST_IID", "3", "GITLAB_TOKEN", "glpat-planTest", "CI_JOB_TOKEN", "job-token");

      CommandLineRun first = plan(pipeline, "--comment", "gitlab");
      CommandLineRun second = plan(pipeline, "--comment", "gitlab");

      assertThat(gitlab.violations()).isEmpty();
      assertThat(first.err()).startsWith("Posted the plan on gitlab pull request 3: https://gitlab.example.com/ml/models"
          + "/-/merge_requests/3#note_");
      assertThat(second.err()).startsWith("Edited the plan on gitlab pull request 3");
      assertThat(gitlab.notes(3)).singleElement().satisfies(n ->
          assertThat(n.body()).startsWith("<!-- sagemaker-gitops:plan -->\n").doesNotContain("glpat-planTest"));
    }
  }

  private static String manifest(String name, String modelPackage) {
    return """
        apiVersion: sagemaker-gitops/v1
        kind: ModelDeployment
        metadata:
          name: NAME
        spec:
          image: 123456789012.dkr.ecr.us-east-1.amazonaws.com/churn-xgb:1.4.2
          model:
            package: PACKAGE
            executionRoleArn: arn:aws:iam::123456789012:role/sm-execution
          endpoint:
            name: NAME
            variants:
              - {name: AllTraffic, instanceType: ml.m5.large, instanceCount: 2}
        """.replace("NAME", name).replace("PACKAGE", modelPackage);
  }

  private Map<String, String> environment() {
    return Map.of("GITHUB_TOKEN", TOKEN, "GITHUB_REPOSITORY", "acme/models",
        "GITHUB_API_URL", github.apiUrl().toString());
  }

  private CommandLineRun plan(Map<String, String> environment, String... options) {
    CommandRuntime runtime = new CommandRuntime(Clock.systemUTC(), Sleeper.real(), environment,
        PollingPolicy.defaults(), new Random(7), List.of());
    List<String> args = new java.util.ArrayList<>(List.of("plan", "--base", "HEAD~1", "--offline", "--format",
        "markdown", "--repo", dir.toString()));
    List<String> paths = new java.util.ArrayList<>();
    for (String option : options) {
      if (option.startsWith("models/") && !option.contains(":")) {
        paths.add(option);
      } else {
        args.add(option);
      }
    }
    args.addAll(paths);
    return CommandLineRun.of(runtime, args.toArray(new String[0]));
  }
}
