package dev.sagemakergitops.local.codecommit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sagemakergitops.local.protocol.Json;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * How CodeCommit writes a repository, a pull request and a comment in its answers (botocore's
 * {@code RepositoryMetadata}, {@code PullRequest} and {@code Comment} shapes).
 */
final class CodeCommitJson {
  private CodeCommitJson() {}

  static ObjectNode repository(String accountId, CodeCommitRepository repo, String region) {
    ObjectNode json = Json.object();
    json.put("accountId", accountId);
    json.put("repositoryId", repo.id);
    json.put("repositoryName", repo.name);
    if (repo.description != null) {
      json.put("repositoryDescription", repo.description);
    }
    repo.defaultBranch().ifPresent(b -> json.put("defaultBranch", b));
    json.put("lastModifiedDate", Json.timestamp(repo.created));
    json.put("creationDate", Json.timestamp(repo.created));
    json.put("cloneUrlHttp", "https://git-codecommit." + region + ".amazonaws.com/v1/repos/" + repo.name);
    json.put("cloneUrlSsh", "ssh://git-codecommit." + region + ".amazonaws.com/v1/repos/" + repo.name);
    json.put("Arn", repo.arn);
    return json;
  }

  /** GetPullRequest's and CreatePullRequest's answer: {@code {"pullRequest": {...}}}. */
  static ObjectNode pullRequest(PullRequest pull, String region) {
    ObjectNode json = Json.object();
    json.put("pullRequestId", pull.id);
    json.put("title", pull.title);
    if (pull.description != null) {
      json.put("description", pull.description);
    }
    json.put("lastActivityDate", Json.timestamp(pull.lastActivity));
    json.put("creationDate", Json.timestamp(pull.created));
    json.put("pullRequestStatus", pull.status);
    json.put("authorArn", pull.authorArn);
    ObjectNode target = json.putArray("pullRequestTargets").addObject();
    target.put("repositoryName", pull.repositoryName);
    target.put("sourceReference", pull.sourceReference);
    target.put("destinationReference", pull.destinationReference);
    target.put("destinationCommit", pull.destinationCommit);
    target.put("sourceCommit", pull.sourceCommit);
    target.put("mergeBase", pull.destinationCommit);
    target.putObject("mergeMetadata").put("isMerged", false);
    if (pull.clientRequestToken != null) {
      json.put("clientRequestToken", pull.clientRequestToken);
    }
    json.put("revisionId", UUID.nameUUIDFromBytes((region + "/" + pull.id + "/" + pull.revision)
        .getBytes(StandardCharsets.UTF_8)).toString().replace("-", ""));
    json.putArray("approvalRules");
    ObjectNode out = Json.object();
    out.set("pullRequest", json);
    return out;
  }

  static ObjectNode comment(PullRequestComment comment) {
    ObjectNode json = Json.object();
    json.put("commentId", comment.id());
    json.put("content", comment.content());
    json.put("creationDate", Json.timestamp(comment.created()));
    json.put("lastModifiedDate", Json.timestamp(comment.lastModified()));
    json.put("authorArn", comment.authorArn());
    json.put("deleted", false);
    if (comment.clientRequestToken() != null) {
      json.put("clientRequestToken", comment.clientRequestToken());
    }
    json.putArray("callerReactions");
    json.putObject("reactionCounts");
    return json;
  }
}
