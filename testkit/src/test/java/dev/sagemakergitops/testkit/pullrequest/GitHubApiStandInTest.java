package dev.sagemakergitops.testkit.pullrequest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sagemakergitops.testkit.IntegrationPhase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@IntegrationPhase
class GitHubApiStandInTest {
  private final GitHubApiStandIn github = GitHubApiStandIn.start("acme", "models").acceptToken("t0ken", "bot")
      .pullRequest(7, "feature", "main");

  @AfterEach
  void stop() {
    github.close();
  }

  @Test
  void start_beforeAnyRequest_hasParsedGitHubsDescription() {
    // The first request is answered without parsing 13 MB first, so no client timeout runs during the parse.
    assertThat(GitHubOpenApi.loaded()).isTrue();
  }

  @Test
  void request_whenBodyMissesARequiredMember_isRefusedWithTheValidatorsMessage() throws Exception {
    HttpResponse<String> response = send("POST", "/repos/acme/models/issues/7/comments", "{\"text\": \"hi\"}");

    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(github.violations()).contains("POST /repos/acme/models/issues/7/comments:"
        + " validation.request.body.schema.required: Object has missing required properties ([\"body\"])");
    assertThat(github.comments(7)).isEmpty();
  }

  @Test
  void request_whenQueryParameterOutsideItsEnum_isRefused() throws Exception {
    HttpResponse<String> response = send("GET", "/repos/acme/models/pulls?state=merged", null);

    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(github.violations()).singleElement().asString().contains("validation.request.parameter.schema.enum");
  }

  @Test
  void request_whenPathIsNoGitHubOperation_isRefused() throws Exception {
    HttpResponse<String> response = send("GET", "/repos/acme/models/issues/7/notes", null);

    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(github.violations()).singleElement().asString().contains("validation.request.path.missing");
  }

  @Test
  void request_whenValid_isServed() throws Exception {
    HttpResponse<String> response = send("POST", "/repos/acme/models/issues/7/comments", "{\"body\": \"hi\"}");

    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(github.violations()).isEmpty();
    assertThat(github.comments(7)).extracting(GitHubApiStandIn.Comment::body).containsExactly("hi");
  }

  private HttpResponse<String> send(String method, String path, String body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(github.apiUrl() + path))
        .header("Authorization", "Bearer t0ken").header("Accept", "application/json");
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
    }
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
