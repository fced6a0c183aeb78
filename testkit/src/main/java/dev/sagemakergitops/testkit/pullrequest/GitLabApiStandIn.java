package dev.sagemakergitops.testkit.pullrequest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sagemakergitops.testkit.pullrequest.LoopbackHttpServer.Answer;
import dev.sagemakergitops.testkit.pullrequest.LoopbackHttpServer.Call;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A GitLab REST API v4 stand-in on loopback for one project: merge request notes (list, create,
 * update) and merge requests (list with {@code state}/{@code source_branch}/{@code target_branch},
 * get, create, update). GitLab publishes no machine-readable description of these endpoints that a
 * validator could read, so what it checks is written out here, each from GitLab's REST documentation
 * (docs.gitlab.com/api/notes/ and docs.gitlab.com/api/merge_requests/):
 *
 * <ul>
 *   <li>the path is {@code /api/v4/projects/:id/...}, {@code :id} the numeric id or the URL-encoded
 *       path ({@code group%2Fproject}); anything else is {@code 404};
 *   <li>authentication: {@code PRIVATE-TOKEN: TOKEN} or {@code Authorization: Bearer TOKEN};
 *       anything else is {@code 401 Unauthorized} (docs.gitlab.com/api/rest/authentication/);
 *   <li>required attributes: a note's {@code body}; a new merge request's {@code source_branch},
 *       {@code target_branch} and {@code title}; a missing one is {@code 400} with
 *       {@code {"error":"body is missing"}} (Grape's answer); a note's body is at most 1,000,000
 *       characters ("Max 1,000,000 characters", notes API); a request with an unknown attribute is
 *       recorded as a violation (GitLab ignores it, but a client sending it has misread the docs);
 *   <li>pagination: {@code per_page} (default 20, at most 100) and {@code page}, with
 *       {@code X-Next-Page} (empty on the last page), {@code X-Page}, {@code X-Per-Page},
 *       {@code X-Total} (docs.gitlab.com/api/rest/#pagination); notes are listed newest first (the
 *       notes API's default {@code sort=desc} by {@code created_at}); system notes are listed too;
 *   <li>a note can be edited only by its author here ({@code 403}); a second open merge request for
 *       the same branches is {@code 409} "Another open merge request already exists for this source
 *       branch".
 * </ul>
 *
 * <p>Thread-safe; calls are served one at a time.
 */
public final class GitLabApiStandIn implements AutoCloseable {
  private static final Pattern NOTES = Pattern.compile("/api/v4/projects/([^/]+)/merge_requests/([0-9]+)/notes");
  private static final Pattern NOTE = Pattern.compile("/api/v4/projects/([^/]+)/merge_requests/([0-9]+)/notes/([0-9]+)");
  private static final Pattern MERGE_REQUESTS = Pattern.compile("/api/v4/projects/([^/]+)/merge_requests");
  private static final Pattern MERGE_REQUEST = Pattern.compile("/api/v4/projects/([^/]+)/merge_requests/([0-9]+)");
  private static final int NOTE_LIMIT = 1_000_000;

  /** A note as the stand-in keeps it. */
  public record Note(long id, int mergeRequest, String author, String body, boolean system) {}

  /** A merge request as the stand-in keeps it. */
  public record MergeRequest(int iid, String sourceBranch, String targetBranch, String title, String description,
      String state) {}

  private final String projectId;
  private final String projectPath;
  private final Map<String, String> tokens = new LinkedHashMap<>();
  private final List<Note> notes = new ArrayList<>();
  private final Map<Integer, MergeRequest> mergeRequests = new LinkedHashMap<>();
  private final List<String> violations = new ArrayList<>();
  private long nextNote = 501;
  private int nextIid = 1;
  private final LoopbackHttpServer server;

  private GitLabApiStandIn(String projectId, String projectPath) {
    this.projectId = projectId;
    this.projectPath = projectPath;
    this.server = new LoopbackHttpServer(this::handle);
  }

  /** A stand-in for the project with numeric id {@code projectId} and path {@code group/project}. */
  public static GitLabApiStandIn start(String projectId, String projectPath) {
    return new GitLabApiStandIn(projectId, projectPath);
  }

  /** What {@code CI_API_V4_URL} is set to. */
  public URI apiV4Url() {
    return URI.create(server.uri() + "/api/v4");
  }

  public synchronized GitLabApiStandIn acceptToken(String token, String user) {
    tokens.put(token, user);
    return this;
  }

  /** A merge request with a chosen IID. */
  public synchronized GitLabApiStandIn mergeRequest(int iid, String sourceBranch, String targetBranch) {
    mergeRequests.put(iid, new MergeRequest(iid, sourceBranch, targetBranch, "Change " + iid, "", "opened"));
    nextIid = Math.max(nextIid, iid + 1);
    return this;
  }

  /** A note somebody (or GitLab itself, {@code system}) wrote. */
  public synchronized Note addNote(int mergeRequest, String author, String body, boolean system) {
    Note note = new Note(nextNote++, mergeRequest, author, body, system);
    notes.add(note);
    return note;
  }

  /** The notes of a merge request, oldest first. */
  public synchronized List<Note> notes(int mergeRequest) {
    return notes.stream().filter(n -> n.mergeRequest() == mergeRequest).toList();
  }

  public synchronized List<MergeRequest> mergeRequests() {
    return List.copyOf(mergeRequests.values());
  }

  /** Requests that broke GitLab's documented rules. */
  public synchronized List<String> violations() {
    return List.copyOf(violations);
  }

  private synchronized Answer handle(Call call) {
    String user = user(call);
    if (user == null) {
      return Answer.json(401, Map.of("message", "401 Unauthorized"));
    }
    JsonNode body = call.json();
    if (body == null) {
      return violation(call, 400, "the body is not JSON");
    }
    Matcher m;
    if ((m = NOTE.matcher(call.path())).matches() && isThisProject(m) && call.method().equals("PUT")) {
      MergeRequest mr = mergeRequests.get(Integer.parseInt(m.group(2)));
      if (mr == null) {
        return notFound("Merge Request");
      }
      return updateNote(call, mr.iid(), Long.parseLong(m.group(3)), user, body);
    }
    if ((m = NOTES.matcher(call.path())).matches() && isThisProject(m)) {
      MergeRequest mr = mergeRequests.get(Integer.parseInt(m.group(2)));
      if (mr == null) {
        return notFound("Merge Request");
      }
      if (call.method().equals("GET")) {
        List<Object> newestFirst = notes(mr.iid()).stream().sorted(Comparator.comparingLong(Note::id).reversed())
            .map(n -> (Object) json(n)).toList();
        return page(call, newestFirst);
      }
      if (call.method().equals("POST")) {
        Answer invalid = checkAttributes(call, body, List.of("body"), List.of("body", "internal", "created_at",
            "merge_request_diff_head_sha"));
        if (invalid != null) {
          return invalid;
        }
        if (body.get("body").asText().length() > NOTE_LIMIT) {
          return violation(call, 400, "body is too long (maximum is 1000000 characters)");
        }
        return Answer.json(201, json(addNote(mr.iid(), user, body.get("body").asText(), false)));
      }
    }
    if ((m = MERGE_REQUEST.matcher(call.path())).matches() && isThisProject(m)) {
      MergeRequest mr = mergeRequests.get(Integer.parseInt(m.group(2)));
      if (mr == null) {
        return notFound("Merge Request");
      }
      if (call.method().equals("GET")) {
        return Answer.json(200, json(mr));
      }
      if (call.method().equals("PUT")) {
        Answer invalid = checkAttributes(call, body, List.of(), List.of("title", "description", "state_event",
            "target_branch", "labels", "assignee_ids", "remove_source_branch", "squash"));
        if (invalid != null) {
          return invalid;
        }
        MergeRequest updated = new MergeRequest(mr.iid(), mr.sourceBranch(), mr.targetBranch(),
            body.has("title") ? body.get("title").asText() : mr.title(),
            body.has("description") ? body.get("description").asText() : mr.description(), mr.state());
        mergeRequests.put(mr.iid(), updated);
        return Answer.json(200, json(updated));
      }
    }
    if ((m = MERGE_REQUESTS.matcher(call.path())).matches() && isThisProject(m)) {
      if (call.method().equals("GET")) {
        String state = Objects.requireNonNullElse(call.queryValue("state"), "all");
        String source = call.queryValue("source_branch");
        String target = call.queryValue("target_branch");
        return page(call, mergeRequests.values().stream()
            .filter(mr -> state.equals("all") || mr.state().equals(state))
            .filter(mr -> source == null || mr.sourceBranch().equals(source))
            .filter(mr -> target == null || mr.targetBranch().equals(target))
            .map(mr -> (Object) json(mr)).toList());
      }
      if (call.method().equals("POST")) {
        Answer invalid = checkAttributes(call, body, List.of("source_branch", "target_branch", "title"),
            List.of("source_branch", "target_branch", "title", "description", "labels", "assignee_ids",
                "remove_source_branch", "squash", "target_project_id"));
        if (invalid != null) {
          return invalid;
        }
        String source = body.get("source_branch").asText();
        String target = body.get("target_branch").asText();
        boolean exists = mergeRequests.values().stream().anyMatch(mr -> mr.state().equals("opened")
            && mr.sourceBranch().equals(source) && mr.targetBranch().equals(target));
        if (exists) {
          return Answer.json(409, Map.of("message",
              List.of("Another open merge request already exists for this source branch")));
        }
        MergeRequest mr = new MergeRequest(nextIid++, source, target, body.get("title").asText(),
            body.path("description").asText(""), "opened");
        mergeRequests.put(mr.iid(), mr);
        return Answer.json(201, json(mr));
      }
    }
    return Answer.json(404, Map.of("error", "404 Not Found"));
  }

  private Answer updateNote(Call call, int mergeRequest, long id, String user, JsonNode body) {
    Answer invalid = checkAttributes(call, body, List.of("body"), List.of("body"));
    if (invalid != null) {
      return invalid;
    }
    for (int i = 0; i < notes.size(); i++) {
      Note note = notes.get(i);
      if (note.id() == id && note.mergeRequest() == mergeRequest) {
        if (!note.author().equals(user)) {
          return Answer.json(403, Map.of("message", "403 Forbidden"));
        }
        Note updated = new Note(id, mergeRequest, user, body.get("body").asText(), false);
        notes.set(i, updated);
        return Answer.json(200, json(updated));
      }
    }
    return notFound("Note");
  }

  private Answer checkAttributes(Call call, JsonNode body, List<String> required, List<String> known) {
    for (String name : required) {
      if (!body.hasNonNull(name) || body.get(name).asText().isEmpty()) {
        violations.add(call.method() + " " + call.path() + ": " + name + " is missing");
        return Answer.json(400, Map.of("error", name + " is missing"));
      }
    }
    body.fieldNames().forEachRemaining(name -> {
      if (!known.contains(name)) {
        violations.add(call.method() + " " + call.path() + ": unknown attribute " + name);
      }
    });
    return null;
  }

  private Answer violation(Call call, int status, String message) {
    violations.add(call.method() + " " + call.path() + ": " + message);
    return Answer.json(status, Map.of("error", message));
  }

  private boolean isThisProject(Matcher m) {
    String id = URLDecoder.decode(m.group(1), StandardCharsets.UTF_8);
    return id.equals(projectId) || id.equals(projectPath);
  }

  private String user(Call call) {
    String privateToken = call.header("private-token");
    if (privateToken != null) {
      return tokens.get(privateToken);
    }
    String authorization = call.header("authorization");
    return authorization != null && authorization.startsWith("Bearer ")
        ? tokens.get(authorization.substring("Bearer ".length())) : null;
  }

  private Answer page(Call call, List<Object> items) {
    int perPage = Math.min(100, Integer.parseInt(Objects.requireNonNullElse(call.queryValue("per_page"), "20")));
    int page = Integer.parseInt(Objects.requireNonNullElse(call.queryValue("page"), "1"));
    int from = Math.min(items.size(), (page - 1) * perPage);
    int to = Math.min(items.size(), from + perPage);
    return Answer.json(200, items.subList(from, to))
        .withHeader("X-Page", String.valueOf(page))
        .withHeader("X-Per-Page", String.valueOf(perPage))
        .withHeader("X-Total", String.valueOf(items.size()))
        .withHeader("X-Next-Page", to < items.size() ? String.valueOf(page + 1) : "");
  }

  private static Answer notFound(String what) {
    return Answer.json(404, Map.of("message", "404 " + what + " Not Found"));
  }

  private Map<String, Object> json(Note note) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", note.id());
    json.put("type", null);
    json.put("body", note.body());
    json.put("author", Map.of("username", note.author()));
    json.put("system", note.system());
    json.put("noteable_type", "MergeRequest");
    json.put("noteable_iid", note.mergeRequest());
    return json;
  }

  private Map<String, Object> json(MergeRequest mr) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", 9000 + mr.iid());
    json.put("iid", mr.iid());
    json.put("project_id", Integer.parseInt(projectId));
    json.put("title", mr.title());
    json.put("description", mr.description());
    json.put("state", mr.state());
    json.put("source_branch", mr.sourceBranch());
    json.put("target_branch", mr.targetBranch());
    json.put("web_url", "https://gitlab.example.com/" + projectPath + "/-/merge_requests/" + mr.iid());
    return json;
  }

  @Override
  public void close() {
    server.close();
  }
}
