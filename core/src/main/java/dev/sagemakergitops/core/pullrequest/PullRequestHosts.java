package dev.sagemakergitops.core.pullrequest;

import java.net.URI;
import java.util.Map;

/**
 * Builds the {@link PullRequestHost} of a kind from the CI's environment (passed in, never read from
 * the process, so tests and the Jenkins adapter choose it). What each host reads is in the package
 * documentation.
 */
public final class PullRequestHosts {
  /** GitHub's API when {@code GITHUB_API_URL} is not set (it is on GitHub Actions, also for GitHub Enterprise Server). */
  public static final URI GITHUB_API = URI.create("https://api.github.com");

  private PullRequestHosts() {}

  /**
   * The host of {@code kind}, configured from {@code environment} and {@code settings}.
   *
   * @throws PullRequestHostException naming the missing variable or option when one is missing
   */
  public static PullRequestHost create(PullRequestHostKind kind, Map<String, String> environment,
      PullRequestHostSettings settings) {
    return switch (kind) {
      case GITHUB -> new GitHubPullRequests(
          uri(environment, "GITHUB_API_URL", GITHUB_API),
          required(environment, "GITHUB_REPOSITORY", "the repository as owner/name (GitHub Actions sets it)"),
          required(environment, "GITHUB_TOKEN", "a token with pull-requests: write and issues: write"));
      case GITLAB, CODECOMMIT -> throw new PullRequestHostException(kind.optionName() + " is not supported yet");
    };
  }

  static String required(Map<String, String> environment, String name, String what) {
    String value = environment.get(name);
    if (value == null || value.isBlank()) {
      throw new PullRequestHostException(name + " is not set: expected " + what + " (docs/pull-requests.md)");
    }
    return value.strip();
  }

  private static URI uri(Map<String, String> environment, String name, URI otherwise) {
    String value = environment.get(name);
    if (value == null || value.isBlank()) {
      return otherwise;
    }
    try {
      URI uri = URI.create(value.strip());
      if (uri.getScheme() == null || uri.getHost() == null) {
        throw new IllegalArgumentException("no scheme or host");
      }
      return uri;
    } catch (IllegalArgumentException e) {
      throw new PullRequestHostException(name + ": expected a URL such as https://api.github.com, got '" + value + "'");
    }
  }
}
