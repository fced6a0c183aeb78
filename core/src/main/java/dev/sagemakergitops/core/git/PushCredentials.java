package dev.sagemakergitops.core.git;

import dev.sagemakergitops.core.pullrequest.PullRequestHostKind;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * Chooses the credentials of a push from the remote and the CI's environment (a map the caller
 * passes in; nothing here reads the process environment), the way each host's CI hands them out:
 *
 * <ul>
 *   <li>credentials in an HTTP(S) URL ({@code https://user:token@host/...}) are used as they are;
 *   <li>{@code SAGEMAKER_GITOPS_GIT_USERNAME} and {@code SAGEMAKER_GITOPS_GIT_PASSWORD}: any HTTPS host;
 *   <li>a CodeCommit host ({@code git-codecommit.REGION.amazonaws.com}, or {@code --open-pull-request
 *       codecommit}): CodeCommit's SigV4 scheme with the AWS SDK's credentials;
 *   <li>GitHub ({@code github.com}, the host of {@code GITHUB_SERVER_URL}, or {@code
 *       --open-pull-request github}): user {@code x-access-token}, password {@code GITHUB_TOKEN};
 *   <li>GitLab ({@code gitlab.com}, {@code CI_SERVER_HOST}, or {@code --open-pull-request gitlab}):
 *       user {@code oauth2} with {@code GITLAB_TOKEN}, else user {@code gitlab-ci-token} with
 *       {@code CI_JOB_TOKEN};
 *   <li>SSH ({@code ssh://}, {@code git@host:path}): the keys and {@code known_hosts} of {@code
 *       $HOME/.ssh}, or the key file {@code SAGEMAKER_GITOPS_GIT_SSH_KEY};
 *   <li>anything else ({@code git://}, a path, an HTTPS host none of the above names): none.
 * </ul>
 *
 * <p>A token is sent only to the host it belongs to: {@code GITHUB_TOKEN} never goes to a host
 * that is not GitHub's, so a mistyped remote cannot leak it.
 */
public final class PushCredentials {
  /** Explicit HTTPS user name for any host. */
  public static final String USERNAME_VARIABLE = "SAGEMAKER_GITOPS_GIT_USERNAME";
  /** Explicit HTTPS password (or token) for any host. */
  public static final String PASSWORD_VARIABLE = "SAGEMAKER_GITOPS_GIT_PASSWORD";
  /** An explicit SSH private key file. */
  public static final String SSH_KEY_VARIABLE = "SAGEMAKER_GITOPS_GIT_SSH_KEY";

  private PushCredentials() {}

  /**
   * The credentials to push to {@code remote} with.
   *
   * @param host the pull-request host the caller opens the pull request on, or {@code null}
   * @param aws the AWS credentials for CodeCommit, asked only when CodeCommit is the remote
   * @throws GitException when the host is known but its token is missing from the environment
   */
  public static GitCredentials choose(GitRemote remote, PullRequestHostKind host, Map<String, String> environment,
      Supplier<AwsCredentialsProvider> aws, Clock clock) {
    String scheme = remote.scheme();
    if (scheme.equals("ssh")) {
      return sshKeys(environment);
    }
    if (!scheme.equals("https") && !scheme.equals("http")) {
      return new GitCredentials.Anonymous();
    }
    if (remote.user() != null && remote.password() != null) {
      return new GitCredentials.Password(remote.user(), remote.password(),
          "HTTPS user " + remote.user() + " with the password in the remote's URL");
    }
    String user = nonBlank(environment.get(USERNAME_VARIABLE));
    String password = nonBlank(environment.get(PASSWORD_VARIABLE));
    if (user != null && password != null) {
      return new GitCredentials.Password(user, password,
          "HTTPS user " + user + " with the password in " + PASSWORD_VARIABLE);
    }
    String hostName = remote.host();
    if (host == PullRequestHostKind.CODECOMMIT || CodeCommitGitSigner.regionOf(hostName).isPresent()) {
      return new GitCredentials.CodeCommitSigned(aws.get(), clock);
    }
    if (host == PullRequestHostKind.GITHUB || hostName.equals("github.com")
        || hostName.equals(hostOf(environment.get("GITHUB_SERVER_URL")))) {
      return token(environment, "GITHUB_TOKEN", "x-access-token", remote,
          "set GITHUB_TOKEN (in GitHub Actions: env: GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}, with permission"
              + " contents: write)");
    }
    if (host == PullRequestHostKind.GITLAB || hostName.equals("gitlab.com")
        || hostName.equals(nonBlank(environment.get("CI_SERVER_HOST")))) {
      if (nonBlank(environment.get("GITLAB_TOKEN")) != null) {
        return token(environment, "GITLAB_TOKEN", "oauth2", remote, "");
      }
      return token(environment, "CI_JOB_TOKEN", "gitlab-ci-token", remote,
          "set GITLAB_TOKEN to a project access token with the write_repository scope");
    }
    return new GitCredentials.Anonymous();
  }

  private static GitCredentials token(Map<String, String> environment, String variable, String user, GitRemote remote,
      String advice) {
    String token = nonBlank(environment.get(variable));
    if (token == null) {
      throw new GitException("pushing to " + remote.display() + " needs a token and " + variable + " is not set; "
          + advice + ", or set " + USERNAME_VARIABLE + " and " + PASSWORD_VARIABLE);
    }
    return new GitCredentials.Password(user, token, "HTTPS user " + user + " with the token in " + variable);
  }

  private static GitCredentials sshKeys(Map<String, String> environment) {
    String home = nonBlank(environment.get("HOME"));
    Path sshDirectory = Path.of(home == null ? System.getProperty("user.home") : home, ".ssh");
    String key = nonBlank(environment.get(SSH_KEY_VARIABLE));
    return new GitCredentials.SshKeys(sshDirectory, key == null ? null : Path.of(key));
  }

  private static String hostOf(String url) {
    if (nonBlank(url) == null) {
      return null;
    }
    try {
      String host = URI.create(url.trim()).getHost();
      return host == null ? null : host.toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static String nonBlank(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
