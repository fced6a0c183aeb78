package dev.sagemakergitops.testkit.pullrequest;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.report.ValidationReport;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * GitHub's published OpenAPI description of api.github.com (the npm package {@code @octokit/openapi},
 * which the testkit build fetches and checks, see testkit/pom.xml) as a request validator.
 *
 * <p>Parsing the 13 MB description takes seconds, so one validator serves the whole test JVM; the
 * validator keeps no per-request state.
 */
final class GitHubOpenApi {
  static final String RESOURCE = "/octokit/api.github.com.json";

  private static OpenApiInteractionValidator validator;

  private GitHubOpenApi() {}

  /**
   * What is wrong with a request by GitHub's description (method, path, path and query parameters,
   * headers, and the JSON body against the operation's request schema), or an empty list.
   */
  static List<String> violations(String method, String path, Map<String, List<String>> query,
      Map<String, List<String>> headers, String body) {
    SimpleRequest.Builder request = new SimpleRequest.Builder(method, path);
    query.forEach(request::withQueryParam);
    headers.forEach(request::withHeader);
    if (body != null && !body.isEmpty()) {
      request.withBody(body);
    }
    ValidationReport report = validator().validateRequest(request.build());
    return report.getMessages().stream()
        .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
        .map(m -> method + " " + path + ": " + m.getKey() + ": " + m.getMessage()
            + m.getAdditionalInfo().stream().map(s -> " (" + s + ")").collect(Collectors.joining()))
        .toList();
  }

  /** Parses the description now, if no stand-in of this JVM has yet. */
  static void load() {
    validator();
  }

  /** True once the description is parsed in this JVM. */
  static synchronized boolean loaded() {
    return validator != null;
  }

  private static synchronized OpenApiInteractionValidator validator() {
    if (validator == null) {
      validator = OpenApiInteractionValidator.createForInlineApiSpecification(description()).build();
    }
    return validator;
  }

  private static String description() {
    try (InputStream in = GitHubOpenApi.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("GitHub's OpenAPI description " + RESOURCE + " is not on the class path;"
            + " the testkit build downloads it (mvn -pl testkit generate-resources, online once)");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
