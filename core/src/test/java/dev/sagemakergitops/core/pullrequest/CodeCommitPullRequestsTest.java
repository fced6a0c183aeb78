package dev.sagemakergitops.core.pullrequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sagemakergitops.core.aws.AwsSettings;
import dev.sagemakergitops.local.LocalControlPlane;
import dev.sagemakergitops.local.codecommit.CodeCommitService;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.codecommit.CodeCommitClient;

/** The CodeCommit host through the real AWS SDK against the local control plane's CodeCommit. */
class CodeCommitPullRequestsTest {
  private static final String MAIN = "1111111111111111111111111111111111111111";
  private static final String FEATURE = "2222222222222222222222222222222222222222";
  private static final String MARKER = "<!-- sagemaker-gitops:plan -->";

  private LocalControlPlane local;
  private CodeCommitService codeCommit;
  private PullRequestHost host;
  private String pullRequest;

  @BeforeEach
  void start() {
    local = LocalControlPlane.builder().service(new CodeCommitService()).start();
    codeCommit = local.service(CodeCommitService.class);
    codeCommit.pushBranch("us-east-1", "models", "main", MAIN);
    codeCommit.pushBranch("us-east-1", "models", "feature", FEATURE);
    host = host(Map.of("CODEBUILD_SOURCE_REPO_URL", "https://git-codecommit.us-east-1.amazonaws.com/v1/repos/models"),
        null);
    try (CodeCommitClient client = CodeCommitClient.builder().endpointOverride(local.endpoint())
        .region(software.amazon.awssdk.regions.Region.US_EAST_1).build()) {
      pullRequest = client.createPullRequest(r -> r.title("Feature").targets(t -> t.repositoryName("models")
          .sourceReference("feature").destinationReference("main"))).pullRequest().pullRequestId();
    }
  }

  @AfterEach
  void stop() {
    host.close();
    local.close();
  }

  @Test
  void upsertComment_whenRunTwice_postsThenEditsTheSameCommentAndLeavesOthersAlone() {
    codeCommit.postCommentAs("us-east-1", pullRequest, "arn:aws:iam::123456789012:user/alice", "LGTM");

    CommentOutcome first = host.upsertComment(new PullRequestNumber(pullRequest), MARKER, MARKER + "\nplan 1");
    CommentOutcome second = host.upsertComment(new PullRequestNumber(pullRequest), MARKER, MARKER + "\nplan 2");

    assertThat(first.action()).isEqualTo(CommentOutcome.Action.CREATED);
    assertThat(second.action()).isEqualTo(CommentOutcome.Action.UPDATED);
    assertThat(second.id()).isEqualTo(first.id());
    assertThat(second.url()).isEqualTo("https://us-east-1.console.aws.amazon.com/codesuite/codecommit/repositories/"
        + "models/pull-requests/" + pullRequest + "?region=us-east-1");
    assertThat(codeCommit.commentContents("us-east-1", pullRequest)).containsExactly("LGTM", MARKER + "\nplan 2");
  }

  @Test
  void upsertComment_whenBodyOverCodeCommitsLimit_cutsItToFit() {
    host.upsertComment(new PullRequestNumber(pullRequest), MARKER, MARKER + "\n" + "x".repeat(20_000));

    assertThat(codeCommit.commentContents("us-east-1", pullRequest)).singleElement().asString()
        .hasSize(CodeCommitPullRequests.CONTENT_LIMIT).startsWith(MARKER);
  }

  @Test
  void upsertComment_whenPullRequestUnknown_namesCodeCommitsError() {
    assertThatThrownBy(() -> host.upsertComment(new PullRequestNumber("42"), MARKER, MARKER))
        .isInstanceOf(PullRequestHostException.class)
        .hasMessageStartingWith("CodeCommit answered GetPullRequest with PullRequestDoesNotExistException: ");
  }

  @Test
  void openOrUpdate_whenRunTwice_opensThenUpdatesOnePullRequest() {
    codeCommit.pushBranch("us-east-1", "models", "bump/churn-8", "3333333333333333333333333333333333333333");

    PullRequestOutcome opened = host.openOrUpdate(new PullRequestDraft("bump/churn-8", "main", "churn 8", "AUC 0.91"));
    PullRequestOutcome updated = host.openOrUpdate(new PullRequestDraft("bump/churn-8", "main", "churn 8 again",
        "AUC 0.92"));

    assertThat(opened.action()).isEqualTo(PullRequestOutcome.Action.OPENED);
    assertThat(opened.number().value()).isNotEqualTo(pullRequest);
    assertThat(updated.action()).isEqualTo(PullRequestOutcome.Action.UPDATED);
    assertThat(updated.number()).isEqualTo(opened.number());
    try (CodeCommitClient client = CodeCommitClient.builder().endpointOverride(local.endpoint())
        .region(software.amazon.awssdk.regions.Region.US_EAST_1).build()) {
      var pull = client.getPullRequest(r -> r.pullRequestId(opened.number().value())).pullRequest();
      assertThat(pull.title()).isEqualTo("churn 8 again");
      assertThat(pull.description()).isEqualTo("AUC 0.92");
      assertThat(client.listPullRequests(r -> r.repositoryName("models")).pullRequestIds()).hasSize(2);
    }
  }

  @Test
  void create_whenNoRepositoryAnywhere_saysWhereToNameIt() {
    assertThatThrownBy(() -> host(Map.of(), null))
        .isInstanceOf(PullRequestHostException.class)
        .hasMessageStartingWith("no CodeCommit repository: give --codecommit-repository NAME");
  }

  @Test
  void create_whenRepositoryFromGitRemoteCodeCommitUrl_usesItsNameAndRegion() {
    try (PullRequestHost fromGrc = host(Map.of("CODEBUILD_SOURCE_REPO_URL", "codecommit::us-east-1://models"), null)) {
      assertThat(fromGrc).hasToString("CodeCommitPullRequests[models, us-east-1]");
    }
  }

  private PullRequestHost host(Map<String, String> environment, String repository) {
    return PullRequestHosts.create(PullRequestHostKind.CODECOMMIT, environment,
        new PullRequestHostSettings(repository, AwsSettings.defaults().withEndpointUrl(local.endpoint())));
  }
}
