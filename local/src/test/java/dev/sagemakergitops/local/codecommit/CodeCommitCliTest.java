package dev.sagemakergitops.local.codecommit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sagemakergitops.local.LocalControlPlane;
import dev.sagemakergitops.local.conformance.AwsCli;
import dev.sagemakergitops.testkit.IntegrationPhase;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CodeCommit's pull-request calls through the real AWS CLI, which builds its requests from
 * botocore's codecommit model and parses our answers strictly.
 */
@IntegrationPhase
class CodeCommitCliTest {
  private static final String MAIN = "1111111111111111111111111111111111111111";
  private static final String FEATURE = "2222222222222222222222222222222222222222";

  @TempDir Path work;
  private LocalControlPlane plane;
  private CodeCommitService codeCommit;
  private AwsCli aws;

  @BeforeEach
  void start() {
    plane = LocalControlPlane.builder().service(new CodeCommitService()).start();
    codeCommit = plane.service(CodeCommitService.class);
    aws = AwsCli.against(plane.endpoint(), work).withPrefix("codecommit");
  }

  @AfterEach
  void stop() {
    plane.close();
  }

  @Test
  void pullRequestAndComments_throughTheAwsCli_roundTrip() {
    JsonNode repository = aws.json("create-repository", "--repository-name", "models").get("repositoryMetadata");
    assertThat(repository.get("Arn").asText()).isEqualTo("arn:aws:codecommit:us-east-1:123456789012:models");
    codeCommit.pushBranch("us-east-1", "models", "main", MAIN);
    codeCommit.pushBranch("us-east-1", "models", "bump/churn-8", FEATURE);

    JsonNode created = aws.json("create-pull-request", "--title", "churn 8", "--description", "AUC 0.91",
        "--targets", "repositoryName=models,sourceReference=bump/churn-8,destinationReference=main")
        .get("pullRequest");
    String id = created.get("pullRequestId").asText();
    assertThat(id).isEqualTo("1");
    JsonNode target = created.get("pullRequestTargets").get(0);
    assertThat(target.get("sourceReference").asText()).isEqualTo("refs/heads/bump/churn-8");
    assertThat(target.get("destinationCommit").asText()).isEqualTo(MAIN);
    assertThat(target.get("sourceCommit").asText()).isEqualTo(FEATURE);

    assertThat(aws.json("list-pull-requests", "--repository-name", "models", "--pull-request-status", "OPEN")
        .get("pullRequestIds")).extracting(JsonNode::asText).containsExactly("1");
    aws.json("update-pull-request-title", "--pull-request-id", id, "--title", "churn 8 (again)");
    aws.json("update-pull-request-description", "--pull-request-id", id, "--description", "AUC 0.92");
    JsonNode pull = aws.json("get-pull-request", "--pull-request-id", id).get("pullRequest");
    assertThat(pull.get("title").asText()).isEqualTo("churn 8 (again)");
    assertThat(pull.get("description").asText()).isEqualTo("AUC 0.92");

    JsonNode posted = aws.json("post-comment-for-pull-request", "--pull-request-id", id, "--repository-name",
        "models", "--before-commit-id", MAIN, "--after-commit-id", FEATURE, "--content", "plan v1");
    String commentId = posted.get("comment").get("commentId").asText();
    aws.json("update-comment", "--comment-id", commentId, "--content", "plan v2");
    JsonNode comments = aws.json("get-comments-for-pull-request", "--pull-request-id", id);

    JsonNode data = comments.get("commentsForPullRequestData").get(0);
    assertThat(data.get("beforeCommitId").asText()).isEqualTo(MAIN);
    assertThat(data.get("comments")).singleElement().satisfies(c -> {
      assertThat(c.get("commentId").asText()).isEqualTo(commentId);
      assertThat(c.get("content").asText()).isEqualTo("plan v2");
      assertThat(c.get("authorArn").asText()).isEqualTo("arn:aws:iam::123456789012:user/local");
    });
  }

  @Test
  void getPullRequest_afterAPushToItsSourceBranch_answersTheNewTipAsANewRevision() {
    aws.json("create-repository", "--repository-name", "models");
    codeCommit.pushBranch("us-east-1", "models", "main", MAIN);
    codeCommit.pushBranch("us-east-1", "models", "bump/churn-8", FEATURE);
    JsonNode created = aws.json("create-pull-request", "--title", "churn 8",
        "--targets", "repositoryName=models,sourceReference=bump/churn-8,destinationReference=main")
        .get("pullRequest");
    String id = created.get("pullRequestId").asText();
    String second = "3333333333333333333333333333333333333333";

    codeCommit.pushBranch("us-east-1", "models", "bump/churn-8", second);
    codeCommit.pushBranch("us-east-1", "models", "other", MAIN);

    JsonNode pull = aws.json("get-pull-request", "--pull-request-id", id).get("pullRequest");
    JsonNode target = pull.get("pullRequestTargets").get(0);
    assertThat(target.get("sourceCommit").asText()).isEqualTo(second);
    assertThat(target.get("destinationCommit").asText()).isEqualTo(MAIN);
    assertThat(pull.get("revisionId").asText()).isNotEqualTo(created.get("revisionId").asText());
    // A comment on the new tip is accepted: the pushed commit is one a branch has pointed at.
    aws.json("post-comment-for-pull-request", "--pull-request-id", id, "--repository-name", "models",
        "--before-commit-id", MAIN, "--after-commit-id", second, "--content", "plan on the new tip");
  }

  @Test
  void errors_throughTheAwsCli_useCodeCommitsCodes() {
    String id = featurePullRequest();
    String others = codeCommit.postCommentAs("us-east-1", id, "arn:aws:iam::123456789012:user/alice", "mine");

    assertThat(aws.failure("get-pull-request", "--pull-request-id", "42"))
        .contains("PullRequestDoesNotExistException");
    assertThat(aws.failure("post-comment-for-pull-request", "--pull-request-id", id, "--repository-name", "models",
        "--before-commit-id", MAIN, "--after-commit-id", FEATURE, "--content", "x".repeat(10_241)))
        .contains("CommentContentSizeLimitExceededException");
    assertThat(aws.failure("update-comment", "--comment-id", others, "--content", "edited"))
        .contains("CommentNotCreatedByCallerException");
    assertThat(aws.failure("create-pull-request", "--title", "t", "--targets",
        "repositoryName=models,sourceReference=nope,destinationReference=main"))
        .contains("ReferenceDoesNotExistException");
    assertThat(aws.failure("list-pull-requests", "--repository-name", "missing"))
        .contains("RepositoryDoesNotExistException");
    assertThat(aws.failure("create-repository", "--repository-name", "bad name"))
        .contains("ValidationException");
    assertThat(codeCommit.commentContents("us-east-1", id)).containsExactly("mine");
  }

  @Test
  void getComments_whenMoreThanAPage_pagesWithNextToken() {
    String id = featurePullRequest();
    for (int i = 0; i < 5; i++) {
      codeCommit.postCommentAs("us-east-1", id, "arn:aws:iam::123456789012:user/alice", "c" + i);
    }

    // The CLI follows nextToken itself; --page-size makes it ask two at a time.
    JsonNode all = aws.json("get-comments-for-pull-request", "--pull-request-id", id, "--page-size", "2");

    assertThat(all.get("commentsForPullRequestData").findValues("content")).extracting(JsonNode::asText)
        .containsExactly("c0", "c1", "c2", "c3", "c4");
    // Three pages of the same two commits: three groups, as the CLI concatenates the pages.
    assertThat(all.get("commentsForPullRequestData")).hasSize(3);
    assertThat(aws.failure("get-comments-for-pull-request", "--pull-request-id", id, "--page-size", "501"))
        .contains("InvalidMaxResultsException");
  }

  /** Repository {@code models} with {@code main} and {@code feature}, and a pull request between them; its id. */
  private String featurePullRequest() {
    aws.json("create-repository", "--repository-name", "models");
    codeCommit.pushBranch("us-east-1", "models", "main", MAIN);
    codeCommit.pushBranch("us-east-1", "models", "feature", FEATURE);
    return aws.json("create-pull-request", "--title", "t", "--targets",
        "repositoryName=models,sourceReference=feature,destinationReference=main")
        .get("pullRequest").get("pullRequestId").asText();
  }
}
