package dev.sagemakergitops.core.pullrequest;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Merge requests and their notes on GitLab (gitlab.com or self-managed) through the REST API v4.
 *
 * <p>A merge request's comments are its notes (docs.gitlab.com/api/notes/): listed 100 a page,
 * following {@code X-Next-Page}, created with {@code POST .../merge_requests/IID/notes} and edited
 * with {@code PUT .../notes/ID}; system notes (GitLab's own "added 1 commit") are never taken for
 * ours. Merge requests (docs.gitlab.com/api/merge_requests/) are found with
 * {@code GET .../merge_requests?state=opened&source_branch=..&target_branch=..}, and opened or edited
 * with {@code POST}/{@code PUT}. The token travels in {@code PRIVATE-TOKEN}, which takes personal,
 * project and group access tokens alike.
 */
public final class GitLabMergeRequests implements PullRequestHost {
  /** GitLab's limit on a note ("Max 1,000,000 characters"); descriptions allow more. */
  static final int BODY_LIMIT = 1_000_000;

  private final URI projectUrl;
  private final JsonOverHttp http;

  /**
   * @param apiV4Url {@code https://gitlab.com/api/v4}, as {@code CI_API_V4_URL} gives it
   * @param project the project's numeric id ({@code CI_PROJECT_ID}) or its path ({@code group/project})
   * @param token a token with the {@code api} scope; kept in a request header only
   */
  public GitLabMergeRequests(URI apiV4Url, String project, String token) {
    this.projectUrl = URI.create(apiV4Url.toString().replaceAll("/+$", "") + "/projects/" + encode(project));
    this.http = new JsonOverHttp("GitLab", Map.of("PRIVATE-TOKEN", token, "Accept", "application/json",
        "User-Agent", "sagemaker-gitops"));
  }

  @Override
  public CommentOutcome upsertComment(PullRequestNumber number, String marker, String body) {
    String text = CommentBodies.fit(body, BODY_LIMIT);
    String notes = "/merge_requests/" + number.value() + "/notes";
    for (JsonNode note : all(notes + "?per_page=100")) {
      if (!note.path("system").asBoolean(false) && CommentBodies.carries(note.path("body").asText(null), marker)) {
        JsonNode edited = http.send("PUT", project(notes + "/" + note.get("id").asText()), Map.of("body", text))
            .body();
        return new CommentOutcome(CommentOutcome.Action.UPDATED, edited.get("id").asText(), noteUrl(number, edited));
      }
    }
    JsonNode posted = http.send("POST", project(notes), Map.of("body", text)).body();
    return new CommentOutcome(CommentOutcome.Action.CREATED, posted.get("id").asText(), noteUrl(number, posted));
  }

  @Override
  public PullRequestOutcome openOrUpdate(PullRequestDraft request) {
    List<JsonNode> open = all("/merge_requests?state=opened&source_branch=" + encode(request.sourceBranch())
        + "&target_branch=" + encode(request.targetBranch()) + "&per_page=100");
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("title", request.title());
    fields.put("description", request.body());
    if (!open.isEmpty()) {
      JsonNode edited = http.send("PUT", project("/merge_requests/" + open.get(0).get("iid").asText()), fields)
          .body();
      return new PullRequestOutcome(PullRequestOutcome.Action.UPDATED,
          new PullRequestNumber(edited.get("iid").asText()), edited.path("web_url").asText(null));
    }
    Map<String, Object> create = new LinkedHashMap<>();
    create.put("source_branch", request.sourceBranch());
    create.put("target_branch", request.targetBranch());
    create.putAll(fields);
    JsonNode created = http.send("POST", project("/merge_requests"), create).body();
    return new PullRequestOutcome(PullRequestOutcome.Action.OPENED,
        new PullRequestNumber(created.get("iid").asText()), created.path("web_url").asText(null));
  }

  /** The note's address: the merge request's page with the note's anchor, as GitLab links notes. */
  private String noteUrl(PullRequestNumber number, JsonNode note) {
    try {
      String page = http.send("GET", project("/merge_requests/" + number.value()), null).body()
          .path("web_url").asText(null);
      return page == null ? null : page + "#note_" + note.get("id").asText();
    } catch (PullRequestHostException e) {
      // The note is written; only its address is missing.
      return null;
    }
  }

  /** Every item of a listing, page after page. */
  private List<JsonNode> all(String pathAndQuery) {
    List<JsonNode> items = new ArrayList<>();
    String page = "1";
    while (page != null && !page.isBlank()) {
      JsonOverHttp.Reply reply = http.send("GET", project(pathAndQuery + "&page=" + page), null);
      reply.body().forEach(items::add);
      page = reply.header("X-Next-Page");
    }
    return items;
  }

  private URI project(String pathAndQuery) {
    return URI.create(projectUrl + pathAndQuery);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  @Override
  public String toString() {
    return "GitLabMergeRequests[" + projectUrl + "]";
  }
}
