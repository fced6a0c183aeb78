package dev.sagemakergitops.local.codecommit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sagemakergitops.local.Installation;
import dev.sagemakergitops.local.LocalService;
import dev.sagemakergitops.local.protocol.AwsServiceException;
import dev.sagemakergitops.local.protocol.Json;
import dev.sagemakergitops.local.protocol.RequestContext;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * AWS CodeCommit over AWS JSON 1.1 ({@code X-Amz-Target: CodeCommit_20150413.<Op>}, model name
 * {@code codecommit}): repositories, pull requests and their general comments. See the package
 * manual for each behaviour and its source.
 */
public final class CodeCommitService implements LocalService {
  /** "Comments are limited to 10,240 characters" (botocore CommentContentSizeLimitExceededException). */
  static final int COMMENT_LIMIT = 10_240;
  /** "The default is 100 comments. You can return up to 500 comments with a single request." (botocore). */
  static final int COMMENTS_DEFAULT_PAGE = 100;
  static final int COMMENTS_MAX_PAGE = 500;
  static final int PULL_REQUESTS_DEFAULT_PAGE = 100;
  private static final String HEADS = "refs/heads/";

  private final Map<String, Region> regions = new HashMap<>();
  // Set once by install, before any request; volatile so that callers on other threads see it.
  private volatile String accountId = "123456789012";
  private volatile java.time.Clock clock = java.time.Clock.systemUTC();

  /** One region's repositories, pull requests (numbered from 1) and comments. */
  private static final class Region {
    final Map<String, CodeCommitRepository> repositories = new LinkedHashMap<>();
    final Map<String, PullRequest> pullRequests = new LinkedHashMap<>();
    final Map<String, PullRequestComment> comments = new LinkedHashMap<>();
    int nextPullRequest = 1;
    int nextComment = 1;
  }

  @Override
  public void install(Installation installation) {
    this.accountId = installation.accountId();
    this.clock = installation.clock();
    installation.json("codecommit", "CodeCommit_20150413")
        .register("CreateRepository", this::createRepository)
        .register("CreatePullRequest", this::createPullRequest)
        .register("GetPullRequest", this::getPullRequest)
        .register("ListPullRequests", this::listPullRequests)
        .register("UpdatePullRequestTitle", this::updatePullRequestTitle)
        .register("UpdatePullRequestDescription", this::updatePullRequestDescription)
        .register("PostCommentForPullRequest", this::postCommentForPullRequest)
        .register("UpdateComment", this::updateComment)
        .register("GetCommentsForPullRequest", this::getCommentsForPullRequest);
  }

  /** The identity every call is made as: the control plane does not tell callers apart. */
  public String callerArn() {
    return "arn:aws:iam::" + accountId + ":user/local";
  }

  /**
   * Points {@code branch} of {@code repository} at {@code commitId}, as a {@code git push} would
   * (the control plane keeps no Git objects). Creates the repository when it is missing. An open
   * pull request from that branch follows it: botocore's {@code PullRequestTarget.sourceCommit}, "If
   * the pull request branch is updated by a push while the pull request is open, the commit ID
   * changes to reflect the new tip of the branch"; the push is activity on the pull request and,
   * like every change of one here, a new {@code revisionId} (the package docs say why).
   */
  public synchronized void pushBranch(String region, String repository, String branch, String commitId) {
    Region state = region(region);
    CodeCommitRepository repo = state.repositories.computeIfAbsent(repository,
        name -> newRepository(region, name, null, clock.instant()));
    String reference = reference(branch);
    repo.branch(reference, commitId);
    for (PullRequest pull : state.pullRequests.values()) {
      if (pull.status.equals("OPEN") && pull.repositoryName.equals(repository)
          && pull.sourceReference.equals(reference) && !pull.sourceCommit.equals(commitId)) {
        pull.sourceCommit = commitId;
        touch(pull, clock.instant());
      }
    }
  }

  /** A general comment posted by {@code authorArn} (someone else, through the console), for tests. */
  public synchronized String postCommentAs(String region, String pullRequestId, String authorArn, String content) {
    Region state = region(region);
    PullRequest pull = state.pullRequests.get(pullRequestId);
    if (pull == null) {
      throw new IllegalArgumentException("no pull request " + pullRequestId + " in " + region);
    }
    return addComment(state, pull, pull.destinationCommit, pull.sourceCommit, content, authorArn, null).id();
  }

  /** The content of every comment on a pull request, oldest first, for tests. */
  public synchronized List<String> commentContents(String region, String pullRequestId) {
    return region(region).comments.values().stream().filter(c -> c.pullRequestId().equals(pullRequestId))
        .map(PullRequestComment::content).toList();
  }

  // ---------------------------------------------------------------------------------------------

  private synchronized JsonNode createRepository(ObjectNode input, RequestContext context) {
    String name = input.get("repositoryName").asText();
    Region state = region(context.region());
    if (state.repositories.containsKey(name)) {
      throw error("RepositoryNameExistsException", "Repository named " + name + " already exists");
    }
    CodeCommitRepository repo = newRepository(context.region(), name,
        input.path("repositoryDescription").asText(null), context.now());
    state.repositories.put(name, repo);
    ObjectNode out = Json.object();
    out.set("repositoryMetadata", CodeCommitJson.repository(accountId, repo, context.region()));
    return out;
  }

  private synchronized JsonNode createPullRequest(ObjectNode input, RequestContext context) {
    Region state = region(context.region());
    String title = input.get("title").asText();
    if (title.isBlank()) {
      throw error("TitleRequiredException", "A pull request title is required. It cannot be empty or null.");
    }
    JsonNode targets = input.get("targets");
    if (targets.isEmpty()) {
      throw error("TargetsRequiredException", "An array of target objects is required. It cannot be empty or null.");
    }
    if (targets.size() > 1) {
      throw error("MultipleRepositoriesInPullRequestException",
          "You cannot include more than one repository in a pull request.");
    }
    JsonNode target = targets.get(0);
    if (!target.hasNonNull("destinationReference")) {
      throw error("InvalidTargetsException", "Each target object must contain the full values for the repository"
          + " name, source branch, and destination branch for a pull request.");
    }
    CodeCommitRepository repo = repository(state, target.get("repositoryName").asText());
    String source = reference(target.get("sourceReference").asText());
    String destination = reference(target.get("destinationReference").asText());
    if (source.equals(destination)) {
      throw error("SourceAndDestinationAreSameException", "The source branch and destination branch for the pull"
          + " request are the same. You must specify different branches for the source and destination.");
    }
    String sourceCommit = repo.tip(source).orElseThrow(() -> noReference(source));
    String destinationCommit = repo.tip(destination).orElseThrow(() -> noReference(destination));
    String token = input.path("clientRequestToken").asText(null);
    if (token != null) {
      for (PullRequest existing : state.pullRequests.values()) {
        if (token.equals(existing.clientRequestToken)) {
          return CodeCommitJson.pullRequest(existing, context.region());
        }
      }
    }
    String id = String.valueOf(state.nextPullRequest++);
    PullRequest pull = new PullRequest(id, repo.name, source, destination, sourceCommit, destinationCommit, title,
        input.path("description").asText(null), callerArn(), context.now(), token);
    state.pullRequests.put(id, pull);
    return CodeCommitJson.pullRequest(pull, context.region());
  }

  private synchronized JsonNode getPullRequest(ObjectNode input, RequestContext context) {
    return CodeCommitJson.pullRequest(pullRequest(region(context.region()), input), context.region());
  }

  private synchronized JsonNode listPullRequests(ObjectNode input, RequestContext context) {
    Region state = region(context.region());
    CodeCommitRepository repo = repository(state, input.get("repositoryName").asText());
    String status = input.path("pullRequestStatus").asText(null);
    String author = input.path("authorArn").asText(null);
    List<String> ids = state.pullRequests.values().stream()
        .filter(p -> p.repositoryName.equals(repo.name))
        .filter(p -> status == null || p.status.equals(status))
        .filter(p -> author == null || p.authorArn.equals(author))
        .map(p -> p.id).toList();
    Page<String> page = Page.of(ids, input, PULL_REQUESTS_DEFAULT_PAGE, Integer.MAX_VALUE);
    ObjectNode out = Json.object();
    ArrayNode list = out.putArray("pullRequestIds");
    page.items().forEach(list::add);
    if (page.nextToken() != null) {
      out.put("nextToken", page.nextToken());
    }
    return out;
  }

  private synchronized JsonNode updatePullRequestTitle(ObjectNode input, RequestContext context) {
    PullRequest pull = openPullRequest(region(context.region()), input);
    String title = input.get("title").asText();
    if (title.isBlank()) {
      throw error("TitleRequiredException", "A pull request title is required. It cannot be empty or null.");
    }
    pull.title = title;
    touch(pull, context.now());
    return CodeCommitJson.pullRequest(pull, context.region());
  }

  private synchronized JsonNode updatePullRequestDescription(ObjectNode input, RequestContext context) {
    PullRequest pull = openPullRequest(region(context.region()), input);
    pull.description = input.get("description").asText();
    touch(pull, context.now());
    return CodeCommitJson.pullRequest(pull, context.region());
  }

  private synchronized JsonNode postCommentForPullRequest(ObjectNode input, RequestContext context) {
    Region state = region(context.region());
    PullRequest pull = pullRequest(state, input);
    CodeCommitRepository repo = repository(state, input.get("repositoryName").asText());
    if (!repo.name.equals(pull.repositoryName)) {
      throw error("RepositoryNotAssociatedWithPullRequestException", "The repository does not contain any pull"
          + " requests with that pull request ID. Use GetPullRequest to verify the correct repository name for the"
          + " pull request ID.");
    }
    if (input.has("location")) {
      throw new AwsServiceException("UnknownOperationException", 400,
          "The local control plane serves general pull-request comments only; comments on a file location are not"
              + " implemented");
    }
    String before = commit(repo, input.get("beforeCommitId").asText());
    String after = commit(repo, input.get("afterCommitId").asText());
    if (before.equals(after)) {
      throw error("BeforeCommitIdAndAfterCommitIdAreSameException", "The before commit ID and the after commit ID"
          + " are the same, which is not valid. The before commit ID and the after commit ID must be different"
          + " commit IDs.");
    }
    String content = content(input);
    String token = input.path("clientRequestToken").asText(null);
    PullRequestComment comment = null;
    if (token != null) {
      comment = state.comments.values().stream().filter(c -> token.equals(c.clientRequestToken())).findFirst()
          .orElse(null);
    }
    if (comment == null) {
      comment = addComment(state, pull, before, after, content, callerArn(), token);
      touch(pull, context.now());
    }
    ObjectNode out = Json.object();
    out.put("repositoryName", repo.name);
    out.put("pullRequestId", pull.id);
    out.put("beforeCommitId", comment.beforeCommitId());
    out.put("afterCommitId", comment.afterCommitId());
    out.set("comment", CodeCommitJson.comment(comment));
    return out;
  }

  private synchronized JsonNode updateComment(ObjectNode input, RequestContext context) {
    Region state = region(context.region());
    String id = input.get("commentId").asText();
    if (id.isBlank()) {
      throw error("CommentIdRequiredException", "The comment ID is missing or null. A comment ID is required.");
    }
    PullRequestComment comment = state.comments.get(id);
    if (comment == null) {
      throw error("CommentDoesNotExistException", "No comment exists with the provided ID. Verify that you have used"
          + " the correct ID, and then try again.");
    }
    if (!comment.authorArn().equals(callerArn())) {
      throw error("CommentNotCreatedByCallerException", "You cannot modify or delete this comment. Only comment"
          + " authors can modify or delete their comments.");
    }
    PullRequestComment updated = comment.withContent(content(input), context.now());
    state.comments.put(id, updated);
    ObjectNode out = Json.object();
    out.set("comment", CodeCommitJson.comment(updated));
    return out;
  }

  private synchronized JsonNode getCommentsForPullRequest(ObjectNode input, RequestContext context) {
    Region state = region(context.region());
    PullRequest pull = pullRequest(state, input);
    String repositoryName = input.path("repositoryName").asText(null);
    String before = input.path("beforeCommitId").asText(null);
    String after = input.path("afterCommitId").asText(null);
    if ((before == null) != (after == null) || (before != null && repositoryName == null)) {
      // "repositoryName must be specified when beforeCommitId and afterCommitId are included", and the two
      // commits go together (botocore GetCommentsForPullRequest).
      throw error(repositoryName == null ? "RepositoryNameRequiredException" : "CommitIdRequiredException",
          "repositoryName, beforeCommitId and afterCommitId must be given together.");
    }
    if (repositoryName != null && !repository(state, repositoryName).name.equals(pull.repositoryName)) {
      throw error("RepositoryNotAssociatedWithPullRequestException", "The repository does not contain any pull"
          + " requests with that pull request ID.");
    }
    List<PullRequestComment> comments = state.comments.values().stream()
        .filter(c -> c.pullRequestId().equals(pull.id))
        .filter(c -> before == null || (c.beforeCommitId().equals(before) && c.afterCommitId().equals(after)))
        .toList();
    Page<PullRequestComment> page = Page.of(comments, input, COMMENTS_DEFAULT_PAGE, COMMENTS_MAX_PAGE);
    // Comments are grouped by the two commits they were made between, in order of their first comment.
    Map<String, ObjectNode> groups = new LinkedHashMap<>();
    for (PullRequestComment comment : page.items()) {
      ObjectNode group = groups.computeIfAbsent(comment.beforeCommitId() + ".." + comment.afterCommitId(), key -> {
        ObjectNode data = Json.object();
        data.put("pullRequestId", pull.id);
        data.put("repositoryName", comment.repositoryName());
        data.put("beforeCommitId", comment.beforeCommitId());
        data.put("afterCommitId", comment.afterCommitId());
        data.putArray("comments");
        return data;
      });
      ((ArrayNode) group.get("comments")).add(CodeCommitJson.comment(comment));
    }
    ObjectNode out = Json.object();
    ArrayNode data = out.putArray("commentsForPullRequestData");
    groups.values().forEach(data::add);
    if (page.nextToken() != null) {
      out.put("nextToken", page.nextToken());
    }
    return out;
  }

  // ---------------------------------------------------------------------------------------------

  private Region region(String region) {
    return regions.computeIfAbsent(region, r -> new Region());
  }

  private CodeCommitRepository newRepository(String region, String name, String description, Instant now) {
    String id = UUID.nameUUIDFromBytes((accountId + "/" + region + "/" + name).getBytes(StandardCharsets.UTF_8))
        .toString();
    return new CodeCommitRepository(name, id, "arn:aws:codecommit:" + region + ":" + accountId + ":" + name,
        description, now);
  }

  private static CodeCommitRepository repository(Region state, String name) {
    CodeCommitRepository repo = state.repositories.get(name);
    if (repo == null) {
      throw error("RepositoryDoesNotExistException", name + " does not exist");
    }
    return repo;
  }

  private static PullRequest pullRequest(Region state, JsonNode input) {
    String id = input.get("pullRequestId").asText();
    if (id.isBlank()) {
      throw error("PullRequestIdRequiredException", "A pull request ID is required. It cannot be empty or null.");
    }
    if (!id.matches("[0-9]+")) {
      throw error("InvalidPullRequestIdException", "The pull request ID is not valid. Make sure that you have"
          + " provided the full ID and that the pull request is in the specified repository, and then try again.");
    }
    PullRequest pull = state.pullRequests.get(id);
    if (pull == null) {
      throw error("PullRequestDoesNotExistException", "The pull request ID could not be found. Make sure that you"
          + " have specified the correct repository name and pull request ID, and then try again.");
    }
    return pull;
  }

  private static PullRequest openPullRequest(Region state, JsonNode input) {
    PullRequest pull = pullRequest(state, input);
    if (!pull.status.equals("OPEN")) {
      throw error("PullRequestAlreadyClosedException", "The pull request status cannot be updated because it is"
          + " already closed.");
    }
    return pull;
  }

  private PullRequestComment addComment(Region state, PullRequest pull, String before, String after, String content,
      String authorArn, String token) {
    String id = UUID.nameUUIDFromBytes(("comment/" + accountId + "/" + state.nextComment++)
        .getBytes(StandardCharsets.UTF_8)).toString();
    Instant now = clock.instant();
    PullRequestComment comment = new PullRequestComment(id, pull.id, pull.repositoryName, before, after, content,
        authorArn, now, now, token);
    state.comments.put(id, comment);
    return comment;
  }

  private static void touch(PullRequest pull, Instant now) {
    pull.lastActivity = now;
    pull.revision++;
  }

  private static String content(JsonNode input) {
    String content = input.get("content").asText();
    if (content.isEmpty()) {
      throw error("CommentContentRequiredException", "The comment is empty. You must provide some content for a"
          + " comment. The content cannot be null.");
    }
    if (content.length() > COMMENT_LIMIT) {
      throw error("CommentContentSizeLimitExceededException", "The comment is too large. Comments are limited to"
          + " 10,240 characters.");
    }
    return content;
  }

  private static String commit(CodeCommitRepository repo, String commitId) {
    if (commitId.isBlank()) {
      throw error("CommitIdRequiredException", "A commit ID was not specified.");
    }
    if (!commitId.matches("[0-9a-f]{40}")) {
      throw error("InvalidCommitIdException", "The specified commit ID is not valid.");
    }
    if (!repo.hasCommit(commitId)) {
      throw error("CommitDoesNotExistException", "The specified commit does not exist or no commit was specified,"
          + " and the specified repository has no default branch.");
    }
    return commitId;
  }

  /** A branch name or a full reference, as a full reference. */
  private static String reference(String name) {
    if (name.isBlank()) {
      throw error("ReferenceNameRequiredException", "A reference name is required, but none was provided.");
    }
    if (name.startsWith("refs/") && !name.startsWith(HEADS)) {
      throw error("ReferenceTypeNotSupportedException", "The specified reference is not a supported type.");
    }
    return name.startsWith(HEADS) ? name : HEADS + name;
  }

  private static AwsServiceException noReference(String reference) {
    return error("ReferenceDoesNotExistException", "The specified reference does not exist: " + reference);
  }

  private static AwsServiceException error(String code, String message) {
    return new AwsServiceException(code, 400, message);
  }
}
