package dev.sagemakergitops.jenkins;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import hudson.AbortException;
import hudson.model.Run;
import java.util.List;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/**
 * "Secret text" credentials (the Plain Credentials plugin), looked up by id in the run's context as
 * the AWS ones are ({@link JenkinsCredentials}) and recorded as used by the run: the token a
 * pull-request host is written to with. The secret is handed to the host's request header only.
 */
final class SecretTextCredentials {
  private SecretTextCredentials() {}

  /** The secret of the credentials {@code credentialsId} names, as the run may use them. */
  static String secret(String credentialsId, Run<?, ?> run) throws AbortException {
    StringCredentials credentials = CredentialsProvider.findCredentialById(credentialsId, StringCredentials.class,
        run, List.of());
    if (credentials == null) {
      throw new AbortException("no secret text credentials with id '" + credentialsId + "' are visible to this"
          + " build; add the host's token (kind: Secret text) to the folder or to Jenkins, or pass the id of"
          + " existing ones");
    }
    CredentialsProvider.track(run, credentials);
    return credentials.getSecret().getPlainText();
  }
}
