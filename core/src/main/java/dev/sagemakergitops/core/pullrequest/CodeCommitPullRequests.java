package dev.sagemakergitops.core.pullrequest;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.codecommit.CodeCommitClient;
import software.amazon.awssdk.services.codecommit.model.Comment;
import software.amazon.awssdk.services.codecommit.model.CommentsForPullRequest;
import software.amazon.awssdk.services.codecommit.model.PullRequest;
import software.amazon.awssdk.services.codecommit.model.PullRequestStatusEnum;
import software.amazon.awssdk.services.codecommit.model.PullRequestTarget;

/**
 * Pull requests and their comments on AWS CodeCommit, through the AWS SDK's {@code codecommit}
 * client (the usual credential and region chains, and the endpoint override of the rest of the
 * tool).
 *
 * <p>A comment: {@code GetPullRequest} gives the target's two commits, {@code GetCommentsForPullRequest}
 * (every page) finds the comment whose first line is the marker, which {@code UpdateComment} edits;
 * otherwise {@code PostCommentForPullRequest} posts a general comment between the destination's
 * commit ({@code beforeCommitId}) and the source's tip ({@code afterCommitId}). A pull request:
 * {@code ListPullRequests} (open ones, every page) and {@code GetPullRequest} of each find one
 * between the two branches, whose title and description {@code UpdatePullRequestTitle} and
 * {@code UpdatePullRequestDescription} replace; otherwise {@code CreatePullRequest} opens one. Limits
 * from botocore's model: comments 10,240 characters, descriptions 10,240, titles 150.
 */
public final class CodeCommitPullRequests implements PullRequestHost {
  static final int CONTENT_LIMIT = 10_240;
  static final int TITLE_LIMIT = 150;
  private static final String HEADS = "refs/heads/";

  private final CodeCommitClient client;
  private final String repository;
  private final String region;
  private final AutoCloseable resources;

  /**
   * @param client a CodeCommit client in the repository's region
   * @param repository the repository's name
   * @param region the region, for the console URLs of results
   * @param resources closed with this host (the clients it was built with), or {@code null}
   */
  public CodeCommitPullRequests(CodeCommitClient client, String repository, String region, AutoCloseable resources) {
    this.client = client;
    this.repository = repository;
    this.region = region;
    this.resources = resources;
  }

  @Override
  public CommentOutcome upsertComment(PullRequestNumber number, String marker, String body) {
    String content = CommentBodies.fit(body, CONTENT_LIMIT);
    PullRequestTarget target = target(call("GetPullRequest", () ->
        client.getPullRequest(r -> r.pullRequestId(number.value())).pullRequest()), number);
    List<Comment> comments = new ArrayList<>();
    call("GetCommentsForPullRequest", () -> {
      client.getCommentsForPullRequestPaginator(r -> r.pullRequestId(number.value())).stream()
          .flatMap(page -> page.commentsForPullRequestData().stream())
          .map(CommentsForPullRequest::comments).forEach(comments::addAll);
      return null;
    });
    for (Comment comment : comments) {
      if (!Boolean.TRUE.equals(comment.deleted()) && CommentBodies.carries(comment.content(), marker)) {
        Comment edited = call("UpdateComment", () ->
            client.updateComment(r -> r.commentId(comment.commentId()).content(content)).comment());
        return new CommentOutcome(CommentOutcome.Action.UPDATED, edited.commentId(), url(number.value()));
      }
    }
    Comment posted = call("PostCommentForPullRequest", () -> client.postCommentForPullRequest(r -> r
        .pullRequestId(number.value()).repositoryName(target.repositoryName())
        .beforeCommitId(target.destinationCommit()).afterCommitId(target.sourceCommit()).content(content)).comment());
    return new CommentOutcome(CommentOutcome.Action.CREATED, posted.commentId(), url(number.value()));
  }

  @Override
  public PullRequestOutcome openOrUpdate(PullRequestDraft request) {
    String title = request.title().length() > TITLE_LIMIT ? request.title().substring(0, TITLE_LIMIT - 1) + "…"
        : request.title();
    String description = CommentBodies.fit(request.body(), CONTENT_LIMIT);
    List<String> open = call("ListPullRequests", () -> client.listPullRequestsPaginator(r -> r
        .repositoryName(repository).pullRequestStatus(PullRequestStatusEnum.OPEN)).stream()
        .flatMap(page -> page.pullRequestIds().stream()).toList());
    for (String id : open) {
      PullRequest pull = call("GetPullRequest", () -> client.getPullRequest(r -> r.pullRequestId(id)).pullRequest());
      boolean between = pull.pullRequestTargets().stream().anyMatch(t -> repository.equals(t.repositoryName())
          && (HEADS + request.sourceBranch()).equals(t.sourceReference())
          && (HEADS + request.targetBranch()).equals(t.destinationReference()));
      if (between) {
        call("UpdatePullRequestTitle", () -> client.updatePullRequestTitle(r -> r.pullRequestId(id).title(title)));
        call("UpdatePullRequestDescription", () ->
            client.updatePullRequestDescription(r -> r.pullRequestId(id).description(description)));
        return new PullRequestOutcome(PullRequestOutcome.Action.UPDATED, new PullRequestNumber(id), url(id));
      }
    }
    PullRequest created = call("CreatePullRequest", () -> client.createPullRequest(r -> r.title(title)
        .description(description).targets(t -> t.repositoryName(repository)
            .sourceReference(request.sourceBranch()).destinationReference(request.targetBranch()))).pullRequest());
    return new PullRequestOutcome(PullRequestOutcome.Action.OPENED, new PullRequestNumber(created.pullRequestId()),
        url(created.pullRequestId()));
  }

  private PullRequestTarget target(PullRequest pull, PullRequestNumber number) {
    return pull.pullRequestTargets().stream().filter(t -> repository.equals(t.repositoryName())).findFirst()
        .orElseThrow(() -> new PullRequestHostException("CodeCommit pull request " + number.value() + " is not in"
            + " repository " + repository + " (it is in " + pull.pullRequestTargets().stream()
            .map(PullRequestTarget::repositoryName).toList() + "); give --codecommit-repository"));
  }

  /** The CodeCommit console's page of a pull request. */
  private String url(String id) {
    return "https://" + region + ".console.aws.amazon.com/codesuite/codecommit/repositories/" + repository
        + "/pull-requests/" + id + "?region=" + region;
  }

  private static <T> T call(String operation, Supplier<T> call) {
    try {
      return call.get();
    } catch (AwsServiceException e) {
      throw new PullRequestHostException("CodeCommit answered " + operation + " with "
          + e.awsErrorDetails().errorCode() + ": " + e.awsErrorDetails().errorMessage()
          + (e.statusCode() == 403 ? " (the credentials lack codecommit:" + operation + "; see docs/iam.md)" : ""), e);
    } catch (SdkException e) {
      throw new PullRequestHostException("cannot call CodeCommit " + operation + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    if (resources != null) {
      try {
        resources.close();
      } catch (Exception e) {
        // Closing HTTP clients after the work is done: nothing to tell the user.
      }
    }
  }

  @Override
  public String toString() {
    return "CodeCommitPullRequests[" + repository + ", " + region + "]";
  }
}
