package dev.sagemakergitops.jenkins;

import com.cloudbees.jenkins.plugins.awscredentials.AmazonWebServicesCredentials;
import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import hudson.model.Item;
import hudson.model.Queue;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.model.queue.Tasks;
import hudson.security.ACL;
import hudson.util.ListBoxModel;
import java.util.List;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.QueryParameter;

/**
 * What the descriptors of this plugin's steps share: they need only the run and its log, never a
 * workspace or a launcher, so they hold no executor and work outside {@code node {}}; and the
 * Snippet Generator offers the AWS credentials the job may use.
 */
public abstract class AwsStepDescriptor extends StepDescriptor {

  @Override
  public Set<? extends Class<?>> getRequiredContext() {
    return Set.of(Run.class, TaskListener.class);
  }

  /** The AWS credentials for the {@code credentialsId} list, as the credentials plugin asks consumers to list them. */
  public ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String credentialsId) {
    StandardListBoxModel result = new StandardListBoxModel();
    if (item == null || !item.hasPermission(Item.EXTENDED_READ) && !item.hasPermission(CredentialsProvider.USE_ITEM)) {
      return result.includeCurrentValue(credentialsId);
    }
    return result.includeEmptyValue()
        .includeMatchingAs(item instanceof Queue.Task task ? Tasks.getAuthenticationOf2(task) : ACL.SYSTEM2, item,
            AmazonWebServicesCredentials.class, List.of(), CredentialsMatchers.always())
        .includeCurrentValue(credentialsId);
  }
}
