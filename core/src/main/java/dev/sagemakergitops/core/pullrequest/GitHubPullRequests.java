package dev.sagemakergitops.core.pullrequest;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pull requests and their comments on GitHub (or GitHub Enterprise Server) through the REST API.
 *
 * <p>A pull request's conversation comments are its issue's comments
 * (docs.github.com/rest/issues/comments): listed 100 a page, following the {@code Link} header's
 * {@code rel="next"}, created with {@code POST .../issues/N/comments} and edited with
 * {@code PATCH .../issues/comments/ID}. Pull requests are found with {@code GET .../pulls?state=open
 * &head=OWNER:BRANCH&base=BRANCH} and opened or edited with {@code POST}/{@code PATCH .../pulls}
 * (docs.github.com/rest/pulls/pulls). Every request carries {@code Accept: application/json} (the media type
 * GitHub's OpenAPI description declares; GitHub answers it with its default representation) and
 * the API version GitHub documents ({@code X-GitHub-Api-Version: 2022-11-28}).
 */
public final class GitHubPullRequests implements PullRequestHost {
  /** GitHub's limit on a comment's or pull request's body (its API answers 422 beyond it). */
  static final int BODY_LIMIT = 65_536;
  static final String API_VERSION = "2022-11-28";
  private static final Pattern NEXT = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"next\"");

  private final URI apiUrl;
  private final String owner;
  private final String repository;
  private final JsonOverHttp http;

  /**
   * @param apiUrl {@code https://api.github.com}, or GitHub Enterprise Server's {@code https://HOST/api/v3}
   * @param ownerAndRepository {@code owner/name}, as {@code GITHUB_REPOSITORY} gives it
   * @param token a token allowed to write issues and pull requests; kept in a request header only
   */
  public GitHubPullRequests(URI apiUrl, String ownerAndRepository, String token) {
    String[] parts = ownerAndRepository == null ? new String[0] : ownerAndRepository.split("/");
    if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
      throw new PullRequestHostException("GITHUB_REPOSITORY: expected owner/name, got '" + ownerAndRepository + "'");
    }
    this.apiUrl = URI.create(apiUrl.toString().replaceAll("/+$", ""));
    this.owner = parts[0];
    this.repository = parts[1];
    this.http = new JsonOverHttp("GitHub", Map.of(
        "Authorization", "Bearer " + token,
        // The media type GitHub's OpenAPI description declares for these operations; GitHub answers it with
        // its default representation, the same as application/vnd.github+json.
        "Accept", "application/json",
        "X-GitHub-Api-Version", API_VERSION,
        "User-Agent", "sagemaker-gitops"));
  }

  @Override
  public CommentOutcome upsertComment(PullRequestNumber number, String marker, String body) {
    String text = CommentBodies.fit(body, BODY_LIMIT);
    for (JsonNode comment : all(repo("/issues/" + number.value() + "/comments?per_page=100"))) {
      if (CommentBodies.carries(comment.path("body").asText(null), marker)) {
        JsonNode edited = http.send("PATCH", repo("/issues/comments/" + comment.get("id").asText()),
            Map.of("body", text)).body();
        return new CommentOutcome(CommentOutcome.Action.UPDATED, edited.get("id").asText(),
            edited.path("html_url").asText(null));
      }
    }
    JsonNode posted = http.send("POST", repo("/issues/" + number.value() + "/comments"), Map.of("body", text)).body();
    return new CommentOutcome(CommentOutcome.Action.CREATED, posted.get("id").asText(),
        posted.path("html_url").asText(null));
  }

  @Override
  public PullRequestOutcome openOrUpdate(PullRequestDraft request) {
    String body = CommentBodies.fit(request.body(), BODY_LIMIT);
    List<JsonNode> open = all(repo("/pulls?state=open&head=" + encode(owner + ":" + request.sourceBranch())
        + "&base=" + encode(request.targetBranch()) + "&per_page=100"));
    if (!open.isEmpty()) {
      JsonNode pull = open.get(0);
      Map<String, Object> change = new LinkedHashMap<>();
      change.put("title", request.title());
      change.put("body", body);
      JsonNode edited = http.send("PATCH", repo("/pulls/" + pull.get("number").asText()), change).body();
      return new PullRequestOutcome(PullRequestOutcome.Action.UPDATED,
          new PullRequestNumber(edited.get("number").asText()), edited.path("html_url").asText(null));
    }
    Map<String, Object> create = new LinkedHashMap<>();
    create.put("title", request.title());
    create.put("head", request.sourceBranch());
    create.put("base", request.targetBranch());
    create.put("body", body);
    JsonNode created = http.send("POST", repo("/pulls"), create).body();
    return new PullRequestOutcome(PullRequestOutcome.Action.OPENED,
        new PullRequestNumber(created.get("number").asText()), created.path("html_url").asText(null));
  }

  /** Every item of a listing, page after page. */
  private List<JsonNode> all(URI first) {
    List<JsonNode> items = new ArrayList<>();
    URI next = first;
    while (next != null) {
      JsonOverHttp.Reply reply = http.send("GET", next, null);
      reply.body().forEach(items::add);
      next = nextPage(reply.header("Link"));
    }
    return items;
  }

  static URI nextPage(String link) {
    if (link == null) {
      return null;
    }
    Matcher m = NEXT.matcher(link);
    return m.find() ? URI.create(m.group(1)) : null;
  }

  private URI repo(String pathAndQuery) {
    return URI.create(apiUrl + "/repos/" + encode(owner) + "/" + encode(repository) + pathAndQuery);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  @Override
  public String toString() {
    return "GitHubPullRequests[" + apiUrl + ", " + owner + "/" + repository + "]";
  }
}
