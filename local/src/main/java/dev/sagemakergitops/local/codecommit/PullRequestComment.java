package dev.sagemakergitops.local.codecommit;

import java.time.Instant;

/** A general comment on a pull request's difference between two commits. */
record PullRequestComment(String id, String pullRequestId, String repositoryName, String beforeCommitId,
    String afterCommitId, String content, String authorArn, Instant created, Instant lastModified,
    String clientRequestToken) {

  PullRequestComment withContent(String newContent, Instant now) {
    return new PullRequestComment(id, pullRequestId, repositoryName, beforeCommitId, afterCommitId, newContent,
        authorArn, created, now, clientRequestToken);
  }
}
