package dev.sagemakergitops.core.pullrequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sagemakergitops.testkit.pullrequest.GitLabApiStandIn;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GitLabMergeRequestsTest {
  private static final String TOKEN = "glpat-hostTestToken";
  private static final String MARKER = "<!-- sagemaker-gitops:plan -->";
  private final GitLabApiStandIn gitlab = GitLabApiStandIn.start("42", "ml/models").acceptToken(TOKEN, "bot")
      .mergeRequest(7, "churn-9", "main");
  private final PullRequestHost host = PullRequestHosts.create(PullRequestHostKind.GITLAB,
      Map.of("GITLAB_TOKEN", TOKEN, "CI_PROJECT_ID", "42", "CI_API_V4_URL", gitlab.apiV4Url().toString()),
      PullRequestHostSettings.defaults());

  @AfterEach
  void stop() {
    gitlab.close();
  }

  @Test
  void upsertComment_whenRunTwice_postsThenEditsOneNoteAndLeavesOthersAlone() {
    gitlab.addNote(7, "alice", "please look at the canary", false);
    gitlab.addNote(7, "bot", "added 1 commit\n\n" + MARKER, true);

    CommentOutcome first = host.upsertComment(new PullRequestNumber("7"), MARKER, MARKER + "\nplan 1");
    CommentOutcome second = host.upsertComment(new PullRequestNumber("7"), MARKER, MARKER + "\nplan 2");

    assertThat(gitlab.violations()).isEmpty();
    assertThat(first.action()).isEqualTo(CommentOutcome.Action.CREATED);
    assertThat(first.url()).isEqualTo("https://gitlab.example.com/ml/models/-/merge_requests/7#note_" + first.id());
    assertThat(second.action()).isEqualTo(CommentOutcome.Action.UPDATED);
    assertThat(second.id()).isEqualTo(first.id());
    assertThat(gitlab.notes(7)).extracting(GitLabApiStandIn.Note::body)
        .containsExactly("please look at the canary", "added 1 commit\n\n" + MARKER, MARKER + "\nplan 2");
  }

  @Test
  void upsertComment_whenNotesSpanPages_findsItsNoteOnALaterPage() {
    host.upsertComment(new PullRequestNumber("7"), MARKER, MARKER + "\nplan 1");
    for (int i = 0; i < 150; i++) {
      gitlab.addNote(7, "alice", "note " + i, false);
    }

    CommentOutcome again = host.upsertComment(new PullRequestNumber("7"), MARKER, MARKER + "\nplan 2");

    assertThat(again.action()).isEqualTo(CommentOutcome.Action.UPDATED);
    assertThat(gitlab.notes(7)).hasSize(151);
  }

  @Test
  void openOrUpdate_whenRunTwice_opensThenUpdatesOneMergeRequest() {
    PullRequestOutcome opened = host.openOrUpdate(new PullRequestDraft("bump/churn-8", "main", "churn 8", "AUC"));
    PullRequestOutcome updated = host.openOrUpdate(new PullRequestDraft("bump/churn-8", "main", "churn 8 again",
        "AUC 0.92"));

    assertThat(gitlab.violations()).isEmpty();
    assertThat(opened.action()).isEqualTo(PullRequestOutcome.Action.OPENED);
    assertThat(opened.url()).isEqualTo("https://gitlab.example.com/ml/models/-/merge_requests/8");
    assertThat(updated.action()).isEqualTo(PullRequestOutcome.Action.UPDATED);
    assertThat(updated.number()).isEqualTo(opened.number());
    assertThat(gitlab.mergeRequests()).filteredOn(mr -> mr.sourceBranch().equals("bump/churn-8")).singleElement()
        .satisfies(mr -> assertThat(mr.description()).isEqualTo("AUC 0.92"));
  }

  @Test
  void upsertComment_whenTokenRefused_failsWithoutTheToken() {
    PullRequestHost refused = PullRequestHosts.create(PullRequestHostKind.GITLAB, Map.of("GITLAB_TOKEN", "glpat-old",
        "CI_PROJECT_ID", "ml/models", "CI_API_V4_URL", gitlab.apiV4Url().toString()), PullRequestHostSettings.defaults());

    assertThatThrownBy(() -> refused.upsertComment(new PullRequestNumber("7"), MARKER, MARKER))
        .isInstanceOf(PullRequestHostException.class)
        .hasMessage("GitLab answered GET /api/v4/projects/ml%2Fmodels/merge_requests/7/notes with HTTP 401: 401"
            + " Unauthorized (the token is missing, wrong or expired)")
        .hasMessageNotContaining("glpat-old");
  }

  @Test
  void create_whenTokenMissing_explainsWhichTokenAndWhy() {
    assertThatThrownBy(() -> PullRequestHosts.create(PullRequestHostKind.GITLAB, Map.of("CI_PROJECT_ID", "42",
        "CI_API_V4_URL", "https://gitlab.com/api/v4", "CI_JOB_TOKEN", "job"), PullRequestHostSettings.defaults()))
        .isInstanceOf(PullRequestHostException.class)
        .hasMessageContaining("GITLAB_TOKEN is not set").hasMessageContaining("CI_JOB_TOKEN cannot write notes");
  }
}
