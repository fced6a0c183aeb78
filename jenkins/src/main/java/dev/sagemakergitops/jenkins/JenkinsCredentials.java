package dev.sagemakergitops.jenkins;

import com.cloudbees.jenkins.plugins.awscredentials.AmazonWebServicesCredentials;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import dev.sagemakergitops.core.aws.AwsAccess;
import dev.sagemakergitops.core.aws.AwsSettings;
import hudson.AbortException;
import hudson.model.Run;
import java.util.List;
import java.util.Map;

/**
 * Credentials of the AWS Credentials plugin, looked up by id in the run's context (so folder
 * credentials and the run's permissions apply) and recorded as used by the run. They are an AWS SDK
 * credentials provider themselves, resolved by the SDK on each call (assuming their own role, if
 * configured, and refreshing it); nothing of them is copied, logged or persisted.
 */
final class JenkinsCredentials {
  private JenkinsCredentials() {}

  static AwsAccess access(String credentialsId, Run<?, ?> run, AwsSettings requested, Map<String, String> environment)
      throws AbortException {
    AmazonWebServicesCredentials credentials = CredentialsProvider.findCredentialById(credentialsId,
        AmazonWebServicesCredentials.class, run, List.of());
    if (credentials == null) {
      throw new AbortException("no AWS credentials with id '" + credentialsId + "' are visible to this build;"
          + " add them (kind: AWS Credentials) to the folder or to Jenkins, or pass the id of existing ones");
    }
    CredentialsProvider.track(run, credentials);
    return AwsAccess.withCredentials(requested, environment, "Jenkins credentials '" + credentialsId + "'", credentials);
  }
}
