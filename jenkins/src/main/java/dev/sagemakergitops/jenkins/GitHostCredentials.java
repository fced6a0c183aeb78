package dev.sagemakergitops.jenkins;

import com.cloudbees.jenkins.plugins.sshcredentials.SSHUserPrivateKey;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.AbortException;
import hudson.model.Run;
import hudson.util.Secret;
import java.nio.file.Path;
import java.util.List;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/**
 * The credentials {@code gitCredentialsId} names, looked up in the run's context as the AWS ones are
 * ({@link JenkinsCredentials}, so folder credentials and the run's permissions apply), recorded as
 * used by the run, and bound for one push ({@link GitAccess}). Three kinds:
 *
 * <ul>
 *   <li>Secret text (Plain Credentials plugin): the host's token, for an HTTPS push and the pull request;
 *   <li>Username with password (Credentials plugin): an HTTPS user and password, for example a bot's
 *       name and its access token, the token also opening the pull request;
 *   <li>SSH Username with private key (SSH Credentials plugin): the key for an SSH remote, held in
 *       memory, with the controller's {@code ~/.ssh/known_hosts}; the user when the remote's URL
 *       names none.
 * </ul>
 *
 * Their secrets go to core's push and host only: never to the build's environment, the log, the
 * result, the record or the step's persisted state.
 */
final class GitHostCredentials {
  private GitHostCredentials() {}

  /** {@code access} with the credentials {@code credentialsId} names bound, as the run may use them. */
  static GitAccess bind(String credentialsId, Run<?, ?> run, GitAccess access, String tokenVariable)
      throws AbortException {
    StandardCredentials credentials = CredentialsProvider.findCredentialById(credentialsId, StandardCredentials.class,
        run, List.of());
    if (credentials == null) {
      throw new AbortException("gitCredentialsId: no credentials with id '" + credentialsId + "' are visible to this"
          + " build; add the Git host's credentials (Secret text, Username with password, or SSH Username with"
          + " private key) to the folder or to Jenkins, or pass the id of existing ones");
    }
    GitAccess bound;
    if (credentials instanceof StringCredentials text) {
      bound = access.withToken(tokenVariable, text.getSecret().getPlainText());
    } else if (credentials instanceof StandardUsernamePasswordCredentials password) {
      bound = access.withUsernamePassword(tokenVariable, password.getUsername(), password.getPassword().getPlainText());
    } else if (credentials instanceof SSHUserPrivateKey key) {
      Secret passphrase = key.getPassphrase();
      bound = access.withSshKey(credentialsId, key.getUsername(), key.getPrivateKeys(),
          passphrase == null ? null : passphrase.getPlainText(), controllerSshDirectory());
    } else {
      throw new AbortException("gitCredentialsId: credentials '" + credentialsId + "' are of a kind a push cannot use"
          + " (" + credentials.getClass().getSimpleName() + "); expected Secret text (the host's token), Username"
          + " with password, or SSH Username with private key");
    }
    CredentialsProvider.track(run, credentials);
    return bound;
  }

  /** The SSH directory of the controller's user: the push runs in the controller's JVM. */
  private static Path controllerSshDirectory() {
    return Path.of(System.getProperty("user.home"), ".ssh");
  }
}
