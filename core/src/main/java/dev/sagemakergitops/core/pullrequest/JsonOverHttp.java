package dev.sagemakergitops.core.pullrequest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * JSON requests to a REST API (GitHub's, GitLab's) through the JDK's HTTP client. The JDK client
 * and Jackson cover all these APIs need (a handful of JSON calls with a header for the token and
 * page links); the libraries written for either API would add a large dependency each for that.
 *
 * <p>The token travels only in the header {@code headers} names; messages of failures name the
 * host, the method and the path, never a header.
 */
final class JsonOverHttp {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  /** An answer with a 2xx status. */
  record Reply(JsonNode body, HttpResponse<String> response) {
    String header(String name) {
      return response.headers().firstValue(name).orElse(null);
    }
  }

  private final String hostName;
  private final HttpClient client;
  private final Map<String, String> headers;

  JsonOverHttp(String hostName, Map<String, String> headers) {
    this.hostName = hostName;
    this.headers = Map.copyOf(headers);
    this.client = HttpClient.newBuilder().connectTimeout(TIMEOUT)
        .followRedirects(HttpClient.Redirect.NORMAL).build();
  }

  Reply send(String method, URI uri, Object body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(TIMEOUT);
    headers.forEach(request::header);
    try {
      if (body == null) {
        request.method(method, HttpRequest.BodyPublishers.noBody());
      } else {
        request.header("Content-Type", "application/json");
        request.method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
      }
      HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
      JsonNode json = response.body() == null || response.body().isBlank() ? JSON.nullNode()
          : JSON.readTree(response.body());
      if (response.statusCode() / 100 != 2) {
        throw new PullRequestHostException(hostName + " answered " + method + " " + uri.getRawPath() + " with HTTP "
            + response.statusCode() + ": " + message(json) + hint(response.statusCode()));
      }
      return new Reply(json, response);
    } catch (IOException e) {
      throw new PullRequestHostException("cannot reach " + hostName + " at " + uri.getScheme() + "://"
          + uri.getAuthority() + " (" + method + " " + uri.getRawPath() + "): " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PullRequestHostException("interrupted while calling " + hostName, e);
    }
  }

  private static String message(JsonNode json) {
    for (String field : new String[] {"message", "error", "error_description"}) {
      if (json.hasNonNull(field)) {
        return json.get(field).isTextual() ? json.get(field).asText() : json.get(field).toString();
      }
    }
    return json.isNull() ? "(no message)" : json.toString();
  }

  private static String hint(int status) {
    return switch (status) {
      case 401 -> " (the token is missing, wrong or expired)";
      case 403 -> " (the token lacks a permission; docs/pull-requests.md lists what each host needs)";
      case 404 -> " (no such repository or pull request, or the token cannot see it)";
      default -> "";
    };
  }
}
