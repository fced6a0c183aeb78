package dev.sagemakergitops.core.pullrequest;

import dev.sagemakergitops.core.aws.AwsClients;
import dev.sagemakergitops.core.aws.AwsSettings;
import java.net.URI;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds the {@link PullRequestHost} of a kind from the CI's environment (passed in, never read from
 * the process, so tests and the Jenkins adapter choose it). What each host reads is in the package
 * documentation.
 */
public final class PullRequestHosts {
  /** GitHub's API when {@code GITHUB_API_URL} is not set (it is on GitHub Actions, also for GitHub Enterprise Server). */
  public static final URI GITHUB_API = URI.create("https://api.github.com");

  private static final Pattern CODECOMMIT_URL = Pattern.compile(
      "https://git-codecommit(?:-fips)?\\.([a-z0-9-]+)\\.amazonaws\\.com(?:\\.cn)?/v1/repos/([\\w.-]+)/?"
          + "|codecommit::([a-z0-9-]+)://(?:[^@/]+@)?([\\w.-]+)");

  private static final Pattern GITHUB_URL = Pattern.compile(
      "(?:https?://[^/]+/|git@[^:]+:|ssh://[^/]+/)([\\w.-]+)/([\\w.-]+?)(?:\\.git)?(?:/pull/[0-9]+)?/?");

  private PullRequestHosts() {}

  /**
   * The host of {@code kind}, configured from {@code environment} and {@code settings}.
   *
   * @throws PullRequestHostException naming the missing variable or option when one is missing
   */
  public static PullRequestHost create(PullRequestHostKind kind, Map<String, String> environment,
      PullRequestHostSettings settings) {
    return create(kind, environment, settings, null);
  }

  /**
   * The host of {@code kind}, whose CodeCommit calls go through {@code clients} (a caller's own
   * credentials, such as a Jenkins step's), which stay the caller's to close; with {@code null}, as
   * {@link #create(PullRequestHostKind, Map, PullRequestHostSettings)}.
   */
  public static PullRequestHost create(PullRequestHostKind kind, Map<String, String> environment,
      PullRequestHostSettings settings, AwsClients clients) {
    return switch (kind) {
      case GITHUB -> new GitHubPullRequests(
          uri(environment, "GITHUB_API_URL", GITHUB_API),
          githubRepository(environment),
          required(environment, "GITHUB_TOKEN", "a token with pull-requests: write and issues: write"));
      case CODECOMMIT -> codeCommit(environment, settings, clients);
      case GITLAB -> new GitLabMergeRequests(
          uri(environment, "CI_API_V4_URL", null),
          required(environment, "CI_PROJECT_ID", "the project's id or path (GitLab CI sets it)"),
          required(environment, "GITLAB_TOKEN", "a project, group or personal access token with the api scope"
              + " (CI_JOB_TOKEN cannot write notes or merge requests)"));
    };
  }

  /**
   * CodeCommit: the repository named in the settings, else the one of {@code CODEBUILD_SOURCE_REPO_URL}
   * (CodeBuild's clone URL {@code https://git-codecommit.REGION.amazonaws.com/v1/repos/NAME}, or
   * {@code codecommit::REGION://NAME}); the region of that URL when the settings name none.
   */
  private static PullRequestHost codeCommit(Map<String, String> environment, PullRequestHostSettings settings,
      AwsClients given) {
    String repository = settings.codeCommitRepository();
    AwsSettings aws = settings.aws();
    String url = environment.get("CODEBUILD_SOURCE_REPO_URL");
    Matcher source = url == null ? null : CODECOMMIT_URL.matcher(url.strip());
    if (source != null && source.matches()) {
      String sourceRegion = source.group(1) != null ? source.group(1) : source.group(3);
      repository = repository != null ? repository : source.group(2) != null ? source.group(2) : source.group(4);
      aws = aws.region() == null ? aws.withRegion(sourceRegion) : aws;
    }
    if (repository == null) {
      throw new PullRequestHostException("no CodeCommit repository: give --codecommit-repository NAME (CodeBuild"
          + " sets CODEBUILD_SOURCE_REPO_URL for a CodeCommit source, which names it"
          + (url == null ? "" : "; here it is '" + url + "'") + ")");
    }
    AwsClients clients = given != null ? given : AwsClients.create(aws);
    try {
      software.amazon.awssdk.regions.Region region = aws.region() != null && given != null
          ? software.amazon.awssdk.regions.Region.of(aws.region()) : clients.defaultRegion();
      return new CodeCommitPullRequests(clients.codeCommit(region), repository, region.id(),
          given != null ? null : clients);
    } catch (RuntimeException e) {
      if (given == null) {
        clients.close();
      }
      throw new PullRequestHostException("cannot reach CodeCommit: " + e.getMessage(), e);
    }
  }

  /**
   * {@code GITHUB_REPOSITORY} (GitHub Actions), else the repository of Jenkins' {@code CHANGE_URL}
   * ({@code https://HOST/OWNER/NAME/pull/N}, set by the GitHub Branch Source for pull requests) or of
   * the Git plugin's {@code GIT_URL}.
   */
  static String githubRepository(Map<String, String> environment) {
    String given = environment.get("GITHUB_REPOSITORY");
    if (given != null && !given.isBlank()) {
      return given.strip();
    }
    for (String name : new String[] {"CHANGE_URL", "GIT_URL"}) {
      String value = environment.get(name);
      Matcher m = value == null ? null : GITHUB_URL.matcher(value.strip());
      if (m != null && m.matches()) {
        return m.group(1) + "/" + m.group(2);
      }
    }
    return required(environment, "GITHUB_REPOSITORY", "the repository as owner/name (GitHub Actions sets it; on"
        + " Jenkins it is read from CHANGE_URL or GIT_URL)");
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
    if ((value == null || value.isBlank()) && otherwise == null) {
      throw new PullRequestHostException(name + " is not set: expected the API's URL such as"
          + " https://gitlab.com/api/v4 (GitLab CI sets it)");
    }
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
      throw new PullRequestHostException(name + ": expected an http(s) URL, got '" + value + "'");
    }
  }
}
