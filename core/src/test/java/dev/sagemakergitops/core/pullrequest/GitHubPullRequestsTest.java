package dev.sagemakergitops.core.pullrequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sagemakergitops.testkit.IntegrationPhase;
import dev.sagemakergitops.testkit.pullrequest.GitHubApiStandIn;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@IntegrationPhase
class GitHubPullRequestsTest {
  private static final String TOKEN = "ghs_hostTestToken";
  private final GitHubApiStandIn github = GitHubApiStandIn.start("acme", "models").acceptToken(TOKEN, "bot");
  private final PullRequestHost host = PullRequestHosts.create(PullRequestHostKind.GITHUB,
      Map.of("GITHUB_TOKEN", TOKEN, "GITHUB_REPOSITORY", "acme/models", "GITHUB_API_URL", github.apiUrl().toString()),
      PullRequestHostSettings.defaults());

  @AfterEach
  void stop() {
    github.close();
  }

  @Test
  void openOrUpdate_whenRunTwice_opensOnePullRequestThenUpdatesIt() {
    github.openPullRequest("other", "main", "Someone else's");

    PullRequestOutcome opened = host.openOrUpdate(new PullRequestDraft("bump/churn-8", "main", "churn 8", "AUC 0.91"));
    PullRequestOutcome updated = host.openOrUpdate(new PullRequestDraft("bump/churn-8", "main", "churn 8 (again)",
        "AUC 0.92"));

    assertThat(github.violations()).isEmpty();
    assertThat(opened.action()).isEqualTo(PullRequestOutcome.Action.OPENED);
    assertThat(opened.url()).isEqualTo("https://github.com/acme/models/pull/" + opened.number().value());
    assertThat(updated.action()).isEqualTo(PullRequestOutcome.Action.UPDATED);
    assertThat(updated.number()).isEqualTo(opened.number());
    assertThat(github.pullRequests()).hasSize(2).filteredOn(p -> p.head().equals("bump/churn-8")).singleElement()
        .satisfies(p -> {
          assertThat(p.title()).isEqualTo("churn 8 (again)");
          assertThat(p.body()).isEqualTo("AUC 0.92");
        });
    assertThat(github.pullRequests()).filteredOn(p -> p.head().equals("other")).singleElement()
        .satisfies(p -> assertThat(p.title()).isEqualTo("Someone else's"));
  }

  @Test
  void upsertComment_whenAnotherCommentQuotesTheMarker_leavesItAndPostsItsOwn() {
    int number = github.openPullRequest("feature", "main", "Feature");
    String marker = "<!-- sagemaker-gitops:plan -->";
    github.addComment(number, "bot", "> " + marker + "\n> quoted plan");

    CommentOutcome outcome = host.upsertComment(new PullRequestNumber(String.valueOf(number)), marker,
        marker + "\nplan");

    assertThat(outcome.action()).isEqualTo(CommentOutcome.Action.CREATED);
    assertThat(github.comments(number)).extracting(GitHubApiStandIn.Comment::body)
        .containsExactly("> " + marker + "\n> quoted plan", marker + "\nplan");
  }

  @Test
  void upsertComment_whenBodyOverGitHubsLimit_cutsItAndKeepsTheMarker() {
    int number = github.openPullRequest("feature", "main", "Feature");
    String marker = "<!-- sagemaker-gitops:plan -->";

    host.upsertComment(new PullRequestNumber(String.valueOf(number)), marker, marker + "\n" + "x".repeat(70_000));

    String body = github.comments(number).get(0).body();
    assertThat(github.violations()).isEmpty();
    assertThat(body).hasSize(GitHubPullRequests.BODY_LIMIT).startsWith(marker + "\n").endsWith(CommentBodies.CUT_NOTE);
  }

  @Test
  void upsertComment_whenPullRequestUnknown_failsNamingTheCallAndNotTheToken() {
    assertThatThrownBy(() -> host.upsertComment(new PullRequestNumber("99"), "<!-- m -->", "<!-- m -->\nx"))
        .isInstanceOf(PullRequestHostException.class)
        .hasMessage("GitHub answered GET /repos/acme/models/issues/99/comments with HTTP 404: Not Found (no such"
            + " repository or pull request, or the token cannot see it)")
        .hasMessageNotContaining(TOKEN);
  }

  @Test
  void create_whenRepositoryVariableMissing_namesTheVariable() {
    assertThatThrownBy(() -> PullRequestHosts.create(PullRequestHostKind.GITHUB, Map.of("GITHUB_TOKEN", TOKEN),
        PullRequestHostSettings.defaults()))
        .isInstanceOf(PullRequestHostException.class)
        .hasMessageStartingWith("GITHUB_REPOSITORY is not set: expected the repository as owner/name");
  }
}
