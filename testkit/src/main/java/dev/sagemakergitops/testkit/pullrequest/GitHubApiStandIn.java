package dev.sagemakergitops.testkit.pullrequest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sagemakergitops.testkit.pullrequest.LoopbackHttpServer.Answer;
import dev.sagemakergitops.testkit.pullrequest.LoopbackHttpServer.Call;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A GitHub REST API stand-in on loopback for one repository: issue comments (list, create, update)
 * and pull requests (list with the {@code head}/{@code base}/{@code state} filters, create, update).
 *
 * <p><b>Every request is first checked against GitHub's published OpenAPI description</b> (method,
 * path, path and query parameters, headers, and the JSON body against the operation's request
 * schema; {@link GitHubOpenApi}). A request that does not conform is answered {@code 422} with the
 * validator's message and recorded in {@link #violations()}, which a test asserts empty, so a client
 * that builds a wrong request fails its test even where this stand-in would have been lenient.
 *
 * <p>Behaviours beyond the schema, each from GitHub's REST documentation:
 *
 * <ul>
 *   <li>authentication: {@code Authorization: Bearer TOKEN} (or {@code token TOKEN}); anything else
 *       is {@code 401 Bad credentials} (docs.github.com/rest/authentication/authenticating-to-the-rest-api);
 *   <li>pagination: {@code per_page} (default 30, at most 100) and {@code page}, with a {@code Link}
 *       header carrying {@code rel="next"} while more pages follow
 *       (docs.github.com/rest/using-the-rest-api/using-pagination-in-the-rest-api);
 *   <li>comments are listed oldest first; a comment can be edited only by its author here (GitHub
 *       also lets repository admins; the harder reading for a tool that must leave others' comments
 *       alone) and otherwise answers {@code 403}; an unknown issue or comment is {@code 404}
 *       (docs.github.com/rest/issues/comments);
 *   <li>a second open pull request for the same head and base is {@code 422} "A pull request already
 *       exists"; {@code head} filters by {@code owner:branch} (docs.github.com/rest/pulls/pulls).
 * </ul>
 *
 * <p>Thread-safe; calls are served one at a time.
 */
public final class GitHubApiStandIn implements AutoCloseable {
  private static final Pattern ISSUE_COMMENTS = Pattern.compile("/repos/([^/]+)/([^/]+)/issues/([0-9]+)/comments");
  private static final Pattern COMMENT = Pattern.compile("/repos/([^/]+)/([^/]+)/issues/comments/([0-9]+)");
  private static final Pattern PULLS = Pattern.compile("/repos/([^/]+)/([^/]+)/pulls");
  private static final Pattern PULL = Pattern.compile("/repos/([^/]+)/([^/]+)/pulls/([0-9]+)");

  /** A comment as the stand-in keeps it. */
  public record Comment(long id, int issue, String author, String body) {}

  /** A pull request as the stand-in keeps it. */
  public record PullRequest(int number, String head, String base, String title, String body, String state) {}

  private final String owner;
  private final String repository;
  private final Map<String, String> tokens = new LinkedHashMap<>();
  private final List<Comment> comments = new ArrayList<>();
  private final Map<Integer, PullRequest> pulls = new LinkedHashMap<>();
  private final List<String> violations = new ArrayList<>();
  private long nextCommentId = 1_000_001;
  private int nextNumber = 1;
  private final LoopbackHttpServer server;

  private GitHubApiStandIn(String owner, String repository) {
    this.owner = owner;
    this.repository = repository;
    this.server = new LoopbackHttpServer(this::handle);
  }

  /**
   * A stand-in for {@code owner/repository}, serving on a free loopback port. GitHub's description is
   * parsed here, before the first request, not while one waits: the parse takes seconds (on a loaded
   * machine more than the client's request timeout, which a test then saw as GitHub unreachable).
   */
  public static GitHubApiStandIn start(String owner, String repository) {
    GitHubOpenApi.load();
    return new GitHubApiStandIn(owner, repository);
  }

  /** What {@code GITHUB_API_URL} is set to. */
  public URI apiUrl() {
    return server.uri();
  }

  /** Accepts {@code token} as the credentials of {@code user}. */
  public synchronized GitHubApiStandIn acceptToken(String token, String user) {
    tokens.put(token, user);
    return this;
  }

  /** An open pull request from {@code head} into {@code base}; returns its number. */
  public synchronized int openPullRequest(String head, String base, String title) {
    int number = nextNumber++;
    pulls.put(number, new PullRequest(number, head, base, title, "", "open"));
    return number;
  }

  /** A pull request with a chosen number, for tests that name it ({@code --pull-request 7}). */
  public synchronized GitHubApiStandIn pullRequest(int number, String head, String base) {
    pulls.put(number, new PullRequest(number, head, base, "Change " + number, "", "open"));
    nextNumber = Math.max(nextNumber, number + 1);
    return this;
  }

  /** A comment somebody posted, as if through the web page. */
  public synchronized Comment addComment(int issue, String author, String body) {
    Comment comment = new Comment(nextCommentId++, issue, author, body);
    comments.add(comment);
    return comment;
  }

  public synchronized List<Comment> comments(int issue) {
    return comments.stream().filter(c -> c.issue() == issue).toList();
  }

  public synchronized List<PullRequest> pullRequests() {
    return List.copyOf(pulls.values());
  }

  /** Requests that did not conform to GitHub's OpenAPI description, with the validator's messages. */
  public synchronized List<String> violations() {
    return List.copyOf(violations);
  }

  /** Every request line served, in order ({@code GET /repos/o/r/pulls?state=open}). */
  public List<String> requests() {
    return server.requestLines();
  }

  private synchronized Answer handle(Call call) {
    List<String> problems = GitHubOpenApi.violations(call.method(), call.path(), call.query(), call.headers(),
        call.body());
    if (!problems.isEmpty()) {
      violations.addAll(problems);
      return error(422, "Invalid request: " + String.join("; ", problems));
    }
    String user = user(call.header("authorization"));
    if (user == null) {
      return error(401, "Bad credentials");
    }
    Matcher m;
    if ((m = ISSUE_COMMENTS.matcher(call.path())).matches() && isThisRepository(m)) {
      int issue = Integer.parseInt(m.group(3));
      if (!pulls.containsKey(issue)) {
        return error(404, "Not Found");
      }
      return call.method().equals("GET") ? page(call, comments(issue).stream().map(c -> (Object) json(c)).toList())
          : createComment(issue, user, call.json());
    }
    if ((m = COMMENT.matcher(call.path())).matches() && isThisRepository(m)) {
      return updateComment(Long.parseLong(m.group(3)), user, call.json());
    }
    if ((m = PULLS.matcher(call.path())).matches() && isThisRepository(m)) {
      return call.method().equals("GET") ? page(call, listPulls(call)) : createPull(call.json());
    }
    if ((m = PULL.matcher(call.path())).matches() && isThisRepository(m)) {
      PullRequest pull = pulls.get(Integer.parseInt(m.group(3)));
      if (pull == null) {
        return error(404, "Not Found");
      }
      if (call.method().equals("GET")) {
        return Answer.json(200, json(pull));
      }
      JsonNode body = call.json();
      PullRequest updated = new PullRequest(pull.number(), pull.head(), pull.base(),
          body.has("title") ? body.get("title").asText() : pull.title(),
          body.has("body") ? body.get("body").asText() : pull.body(),
          body.has("state") ? body.get("state").asText() : pull.state());
      pulls.put(pull.number(), updated);
      return Answer.json(200, json(updated));
    }
    return error(404, "Not Found");
  }

  private boolean isThisRepository(Matcher m) {
    return m.group(1).equals(owner) && m.group(2).equals(repository);
  }

  private String user(String authorization) {
    if (authorization == null) {
      return null;
    }
    for (String scheme : List.of("Bearer ", "token ")) {
      if (authorization.startsWith(scheme)) {
        return tokens.get(authorization.substring(scheme.length()));
      }
    }
    return null;
  }

  private Answer createComment(int issue, String user, JsonNode body) {
    Comment comment = addComment(issue, user, body.get("body").asText());
    return Answer.json(201, json(comment));
  }

  private Answer updateComment(long id, String user, JsonNode body) {
    for (int i = 0; i < comments.size(); i++) {
      Comment comment = comments.get(i);
      if (comment.id() == id) {
        if (!comment.author().equals(user)) {
          return error(403, "You must be the author of this comment to edit it");
        }
        Comment updated = new Comment(id, comment.issue(), user, body.get("body").asText());
        comments.set(i, updated);
        return Answer.json(200, json(updated));
      }
    }
    return error(404, "Not Found");
  }

  private List<Object> listPulls(Call call) {
    String state = Objects.requireNonNullElse(call.queryValue("state"), "open");
    String head = call.queryValue("head");
    String base = call.queryValue("base");
    return pulls.values().stream()
        .filter(p -> state.equals("all") || p.state().equals(state))
        .filter(p -> head == null || head.equals(owner + ":" + p.head()))
        .filter(p -> base == null || base.equals(p.base()))
        .map(p -> (Object) json(p)).toList();
  }

  private Answer createPull(JsonNode body) {
    String head = body.get("head").asText();
    String base = body.get("base").asText();
    String branch = head.contains(":") ? head.substring(head.indexOf(':') + 1) : head;
    boolean exists = pulls.values().stream()
        .anyMatch(p -> p.state().equals("open") && p.head().equals(branch) && p.base().equals(base));
    if (exists) {
      return error(422, "Validation Failed: A pull request already exists for " + owner + ":" + branch + ".");
    }
    int number = nextNumber++;
    PullRequest pull = new PullRequest(number, branch, base, body.get("title").asText(),
        body.has("body") ? body.get("body").asText() : "", "open");
    pulls.put(number, pull);
    return Answer.json(201, json(pull));
  }

  private Answer page(Call call, List<Object> items) {
    int perPage = Math.min(100, Integer.parseInt(Objects.requireNonNullElse(call.queryValue("per_page"), "30")));
    int page = Integer.parseInt(Objects.requireNonNullElse(call.queryValue("page"), "1"));
    int from = Math.min(items.size(), (page - 1) * perPage);
    int to = Math.min(items.size(), from + perPage);
    Answer answer = Answer.json(200, items.subList(from, to));
    if (to < items.size()) {
      StringBuilder query = new StringBuilder();
      call.query().forEach((name, values) -> {
        if (!name.equals("page")) {
          values.forEach(v -> query.append(name).append('=').append(java.net.URLEncoder.encode(v,
              java.nio.charset.StandardCharsets.UTF_8)).append('&'));
        }
      });
      String base = apiUrl() + call.path() + "?" + query;
      int last = (items.size() + perPage - 1) / perPage;
      answer = answer.withHeader("Link", "<" + base + "page=" + (page + 1) + ">; rel=\"next\", <" + base + "page="
          + last + ">; rel=\"last\"");
    }
    return answer;
  }

  private Map<String, Object> json(Comment comment) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", comment.id());
    json.put("url", apiUrl() + "/repos/" + owner + "/" + repository + "/issues/comments/" + comment.id());
    json.put("html_url", "https://github.com/" + owner + "/" + repository + "/pull/" + comment.issue()
        + "#issuecomment-" + comment.id());
    json.put("body", comment.body());
    json.put("user", Map.of("login", comment.author(), "type", "User"));
    return json;
  }

  private Map<String, Object> json(PullRequest pull) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("number", pull.number());
    json.put("state", pull.state());
    json.put("title", pull.title());
    json.put("body", pull.body());
    json.put("html_url", "https://github.com/" + owner + "/" + repository + "/pull/" + pull.number());
    json.put("head", Map.of("ref", pull.head(), "label", owner + ":" + pull.head()));
    json.put("base", Map.of("ref", pull.base(), "label", owner + ":" + pull.base()));
    return json;
  }

  private static Answer error(int status, String message) {
    return Answer.json(status, Map.of("message", message, "documentation_url", "https://docs.github.com/rest"));
  }

  @Override
  public void close() {
    server.close();
  }
}
