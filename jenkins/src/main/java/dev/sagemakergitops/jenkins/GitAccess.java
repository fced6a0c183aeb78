package dev.sagemakergitops.jenkins;

import dev.sagemakergitops.core.git.GitCredentials;
import dev.sagemakergitops.core.git.PushCredentials;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a push and its pull request are made with: the build's environment, in which the secret of
 * {@code gitCredentialsId} may be bound under the variable core's {@link PushCredentials} and pull
 * request hosts read, or push credentials core takes as they are (an SSH key). Lives in memory
 * for one push only: it is never persisted with the step, logged or returned ({@link #toString()}
 * names no secret).
 *
 * @param environment the variables core reads (the build's, plus what the credentials bind)
 * @param credentials the push's credentials, or {@code null} for core to choose from the remote and
 *     {@code environment}
 */
record GitAccess(Map<String, String> environment, GitCredentials credentials) {
  GitAccess {
    environment = Map.copyOf(environment);
  }

  /** The build's environment alone, as {@code withCredentials} left it. */
  static GitAccess of(Map<String, String> environment) {
    return new GitAccess(environment, null);
  }

  /**
   * Secret text: the host's token, bound as {@code tokenVariable} ({@code GITHUB_TOKEN},
   * {@code GITLAB_TOKEN}), which core sends to that host only, for the push and the pull request.
   */
  GitAccess withToken(String tokenVariable, String token) {
    return new GitAccess(with(Map.of(tokenVariable, token)), credentials);
  }

  /**
   * Username with password: the HTTPS user and password of any host's push (core's explicit
   * {@link PushCredentials#USERNAME_VARIABLE} and {@link PushCredentials#PASSWORD_VARIABLE}), and
   * the password as the host's token ({@code tokenVariable}) for the pull request, because the
   * hosts' APIs take a token where Git takes a password (GitHub and GitLab access tokens, both).
   * An SSH remote ignores them, as it ignores a token.
   */
  GitAccess withUsernamePassword(String tokenVariable, String user, String password) {
    return new GitAccess(with(Map.of(PushCredentials.USERNAME_VARIABLE, user, PushCredentials.PASSWORD_VARIABLE,
        password, tokenVariable, password)), credentials);
  }

  /**
   * SSH Username with private key: the push's credentials, the keys held in memory only, with
   * {@code known_hosts} of {@code sshDirectory} (the controller's, where the push runs). The pull
   * request's token, which an SSH key cannot be, still comes from the environment.
   */
  GitAccess withSshKey(String credentialsId, String user, List<String> privateKeys, String passphrase,
      Path sshDirectory) {
    return new GitAccess(environment, new GitCredentials.SshPrivateKey(user == null || user.isBlank() ? null : user,
        privateKeys, passphrase == null || passphrase.isEmpty() ? null : passphrase, sshDirectory,
        "SSH key of Jenkins credentials '" + credentialsId + "'"));
  }

  private Map<String, String> with(Map<String, String> more) {
    Map<String, String> all = new LinkedHashMap<>(environment);
    all.putAll(more);
    return all;
  }

  @Override
  public String toString() {
    return "GitAccess[" + environment.size() + " variables, "
        + (credentials == null ? "credentials from the environment" : credentials.describe()) + "]";
  }
}
