package dev.sagemakergitops.jenkins;

import com.cloudbees.jenkins.plugins.awscredentials.AmazonWebServicesCredentials;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import dev.sagemakergitops.core.aws.AwsAccess;
import dev.sagemakergitops.core.aws.AwsSettings;
import hudson.AbortException;
import hudson.model.Run;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * Credentials of the AWS Credentials plugin, looked up by id in the run's context (so folder
 * credentials and the run's permissions apply) and recorded as used by the run. They are an AWS SDK
 * credentials provider themselves (assuming their own role, if configured); the step resolves them
 * through a {@link CachedCredentials}, which the run closes when it ends. Nothing of them is copied,
 * logged or persisted.
 */
final class JenkinsCredentials {
  private JenkinsCredentials() {}

  /** The credentials {@code credentialsId} names, as the run may use them. */
  static AmazonWebServicesCredentials find(String credentialsId, Run<?, ?> run) throws AbortException {
    AmazonWebServicesCredentials credentials = CredentialsProvider.findCredentialById(credentialsId,
        AmazonWebServicesCredentials.class, run, List.of());
    if (credentials == null) {
      throw new AbortException("no AWS credentials with id '" + credentialsId + "' are visible to this build;"
          + " add them (kind: AWS Credentials) to the folder or to Jenkins, or pass the id of existing ones");
    }
    CredentialsProvider.track(run, credentials);
    return credentials;
  }

  /**
   * Access with {@code credentials} (the plugin's, as the SDK provider they also are), resolved
   * through a cache on {@code clock}; the caller closes the cache ({@link CachedCredentials}) when
   * the run ends.
   */
  static Opened access(String credentialsId, AwsCredentialsProvider credentials, AwsSettings requested,
      Map<String, String> environment, Clock clock) {
    String description = "Jenkins credentials '" + credentialsId + "'";
    CachedCredentials cached = new CachedCredentials(credentials, description, clock);
    return new Opened(AwsAccess.withCredentials(requested, environment, description, cached), cached);
  }

  /** Access, and the credentials cache it resolves through. */
  record Opened(AwsAccess access, CachedCredentials credentials) {}
}
