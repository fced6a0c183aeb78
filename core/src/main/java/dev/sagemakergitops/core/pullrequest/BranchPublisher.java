package dev.sagemakergitops.core.pullrequest;

import dev.sagemakergitops.core.git.CodeCommitGitSigner;
import dev.sagemakergitops.core.git.GitCredentials;
import dev.sagemakergitops.core.git.GitException;
import dev.sagemakergitops.core.git.GitRemote;
import dev.sagemakergitops.core.git.GitRepository;
import dev.sagemakergitops.core.git.PushCredentials;
import dev.sagemakergitops.core.git.PushOutcome;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * The end of the bump and revert flows: the branch the tool wrote is pushed
 * ({@link GitRepository#push}, credentials by {@link PushCredentials}) and, when asked, opened as a
 * pull request on its host, or the open one from that branch updated ({@link PullRequestHost#openOrUpdate}).
 * A second run pushes the rewritten branch over the first and edits the same pull request.
 *
 * <p>The pull request's base is the branch the caller names, else the CI's own: GitHub Actions'
 * {@code GITHUB_BASE_REF} (a pull request build) or {@code GITHUB_REF_NAME}, GitLab's
 * {@code CI_COMMIT_BRANCH} or {@code CI_DEFAULT_BRANCH}, Jenkins' {@code BRANCH_NAME}, else the
 * branch checked out; with none of these, {@code main}.
 */
public final class BranchPublisher {
  private static final List<String> BASE_VARIABLES = List.of("GITHUB_BASE_REF", "GITHUB_REF_NAME", "CI_COMMIT_BRANCH",
      "CI_DEFAULT_BRANCH", "BRANCH_NAME");

  private static final String REPOSITORY_PATH = "/v1/repos/";

  private final Map<String, String> environment;
  private final PullRequestHostSettings settings;
  private final Supplier<AwsCredentialsProvider> aws;
  private final Clock clock;
  private final BiFunction<PullRequestHostKind, PullRequestHostSettings, PullRequestHost> hosts;

  public BranchPublisher(Map<String, String> environment, PullRequestHostSettings settings,
      Supplier<AwsCredentialsProvider> aws, Clock clock,
      BiFunction<PullRequestHostKind, PullRequestHostSettings, PullRequestHost> hosts) {
    this.environment = Map.copyOf(environment);
    this.settings = settings;
    this.aws = aws;
    this.clock = clock;
    this.hosts = hosts;
  }

  /** With the hosts {@link PullRequestHosts} builds from {@code environment}. */
  public static BranchPublisher of(Map<String, String> environment, PullRequestHostSettings settings,
      Supplier<AwsCredentialsProvider> aws, Clock clock) {
    return new BranchPublisher(environment, settings, aws, clock,
        (kind, hostSettings) -> PullRequestHosts.create(kind, environment, hostSettings));
  }

  /**
   * What to do with a written branch.
   *
   * @param remote the remote to push to (a name such as {@code origin}, or a URL)
   * @param host where to open the pull request, or {@code null} to push only
   * @param base the branch the pull request merges into, or {@code null} for the CI's (see the class)
   * @param credentials the push's credentials as the caller holds them (a CI server's stored SSH key), or
   *     {@code null} to choose them from the remote and the environment ({@link PushCredentials})
   */
  public record Request(String remote, PullRequestHostKind host, String base, GitCredentials credentials) {
    /** A request whose push credentials are chosen from the remote and the environment ({@link PushCredentials}). */
    public Request(String remote, PullRequestHostKind host, String base) {
      this(remote, host, base, null);
    }
  }

  /**
   * What was done.
   *
   * @param push the push
   * @param pullRequest the pull request opened or updated, or {@code null} when none was asked for
   * @param base the branch it merges into, or {@code null}
   */
  public record Publication(PushOutcome push, PullRequestOutcome pullRequest, String base) {}

  /**
   * Pushes {@code branch} and, when {@code request.host()} is set, opens or updates its pull request
   * with the text {@code draft} makes for the base branch.
   *
   * @throws dev.sagemakergitops.core.git.BranchPushException when the push did not happen (then no pull request is touched)
   * @throws PullRequestHostException when the host refused the pull request (the branch is pushed)
   */
  public Publication publish(GitRepository git, String branch, Request request,
      Function<String, PullRequestDraft> draft) {
    GitRemote remote = git.remote(request.remote());
    if (request.credentials() instanceof GitCredentials.SshPrivateKey key && !remote.scheme().equals("ssh")) {
      throw new GitException("cannot push to " + remote.display() + " with the " + key.description() + ": an SSH key"
          + " pushes over SSH only; push to the repository's SSH URL (ssh://HOST/PATH or git@HOST:PATH), or give"
          + " token or user name and password credentials for " + remote.scheme().toUpperCase(java.util.Locale.ROOT));
    }
    GitCredentials credentials = request.credentials() != null ? request.credentials()
        : PushCredentials.choose(remote, request.host(), environment, aws, clock);
    PushOutcome push = git.push(branch, remote, credentials);
    if (request.host() == null) {
      return new Publication(push, null, null);
    }
    String base = base(request.base(), git);
    try (PullRequestHost host = hosts.apply(request.host(), settingsFor(request.host(), remote))) {
      return new Publication(push, host.openOrUpdate(draft.apply(base)), base);
    }
  }

  /**
   * The host's settings; a CodeCommit pull request goes to the repository pushed to when the
   * settings name none ({@code https://git-codecommit.REGION.amazonaws.com/v1/repos/NAME}).
   */
  PullRequestHostSettings settingsFor(PullRequestHostKind kind, GitRemote remote) {
    String path = remote.uri().getPath() == null ? "" : remote.uri().getPath();
    if (kind != PullRequestHostKind.CODECOMMIT || settings.codeCommitRepository() != null
        || CodeCommitGitSigner.regionOf(remote.host()).isEmpty() || !path.startsWith(REPOSITORY_PATH)) {
      return settings;
    }
    String region = CodeCommitGitSigner.regionOf(remote.host()).get();
    return new PullRequestHostSettings(path.substring(REPOSITORY_PATH.length()).replaceAll("/+$", ""),
        settings.aws().region() == null ? settings.aws().withRegion(region) : settings.aws());
  }

  private String base(String explicit, GitRepository git) {
    if (explicit != null && !explicit.isBlank()) {
      return explicit.strip();
    }
    for (String variable : BASE_VARIABLES) {
      String value = environment.get(variable);
      if (value != null && !value.isBlank()) {
        return value.strip();
      }
    }
    Optional<String> checkedOut = git.checkedOutBranch();
    return checkedOut.orElse("main");
  }
}
