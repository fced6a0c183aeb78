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
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * What the descriptors of this plugin's steps share: they need only the run and its log, never a
 * workspace or a launcher, so they hold no executor and work outside {@code node {}}; the Snippet
 * Generator offers the AWS credentials the job may use (to administrators on the global Pipeline
 * Syntax page too, as the credentials plugin's consumer guide does); and it checks the manifest
 * path, region and role ARN as they are typed. The checks are {@code @POST}: Stapler routes no
 * other verb to them (it skips them and goes on looking for another route), so a link cannot
 * trigger them. They answer only users who may configure the job, or administrators where there is
 * no job; they read nothing but the value given.
 */
public abstract class AwsStepDescriptor extends StepDescriptor {
  // A region code as AWS names them: us-east-1, eu-central-2, us-gov-west-1, cn-northwest-1.
  private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d+");
  // arn:<partition>:iam::<account>:role/<path and name>, as the IAM User Guide's "IAM identifiers" page writes it.
  private static final Pattern ROLE_ARN = Pattern.compile("arn:aws(-[a-z]+)*:iam::\\d{12}:role/[\\w+=,.@/-]{1,512}");

  private final String functionName;
  private final String displayName;

  /**
   * @param functionName the step's name in a Pipeline script
   * @param displayName what the Snippet Generator lists it as
   */
  protected AwsStepDescriptor(String functionName, String displayName) {
    this.functionName = functionName;
    this.displayName = displayName;
  }

  @Override
  public final String getFunctionName() {
    return functionName;
  }

  @Override
  public final String getDisplayName() {
    return displayName;
  }

  @Override
  public Set<? extends Class<?>> getRequiredContext() {
    return Set.of(Run.class, TaskListener.class);
  }

  /** The AWS credentials for the {@code credentialsId} list, as the credentials plugin asks consumers to list them. */
  public ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String credentialsId) {
    StandardListBoxModel result = new StandardListBoxModel();
    if (item == null) {
      // The global Pipeline Syntax page: only administrators see the system's credentials.
      Jenkins jenkins = Jenkins.get();
      if (!jenkins.hasPermission(Jenkins.ADMINISTER)) {
        return result.includeCurrentValue(credentialsId);
      }
      return result.includeEmptyValue().includeMatchingAs(ACL.SYSTEM2, jenkins, AmazonWebServicesCredentials.class,
          List.of(), CredentialsMatchers.always()).includeCurrentValue(credentialsId);
    }
    if (!item.hasPermission(Item.EXTENDED_READ) && !item.hasPermission(CredentialsProvider.USE_ITEM)) {
      return result.includeCurrentValue(credentialsId);
    }
    return result.includeEmptyValue()
        .includeMatchingAs(item instanceof Queue.Task task ? Tasks.getAuthenticationOf2(task) : ACL.SYSTEM2, item,
            AmazonWebServicesCredentials.class, List.of(), CredentialsMatchers.always())
        .includeCurrentValue(credentialsId);
  }

  /** The manifest: a YAML file's path inside the repository. */
  @POST
  public FormValidation doCheckManifest(@AncestorInPath Item item, @QueryParameter String value) {
    return mayCheck(item) ? checkManifest(value) : FormValidation.ok();
  }

  /** The region: an AWS region code, or empty for the build's AWS_REGION. */
  @POST
  public FormValidation doCheckRegion(@AncestorInPath Item item, @QueryParameter String value) {
    return mayCheck(item) ? checkRegion(value) : FormValidation.ok();
  }

  /** The role to assume: an IAM role ARN, or empty. */
  @POST
  public FormValidation doCheckRoleArn(@AncestorInPath Item item, @QueryParameter String value) {
    return mayCheck(item) ? checkRoleArn(value) : FormValidation.ok();
  }

  // The checks of the values alone, apart from who may ask: they need no Item and no Jenkins.
  static FormValidation checkManifest(String value) {
    String manifest = AwsStep.blankToNull(value);
    if (manifest == null) {
      return FormValidation.ok();
    }
    Path path = Path.of(manifest.replace('\\', '/'));
    for (Path part : path) {
      if (part.toString().equals("..")) {
        return FormValidation.error("A manifest is a path inside the repository, without '..'");
      }
    }
    if (path.isAbsolute()) {
      return FormValidation.error("A manifest is a path inside the repository, such as models/churn/prod.yaml,"
          + " not an absolute path");
    }
    if (!manifest.endsWith(".yaml") && !manifest.endsWith(".yml")) {
      return FormValidation.warning("Manifests are YAML files (.yaml or .yml)");
    }
    return FormValidation.ok();
  }

  static FormValidation checkRegion(String value) {
    return matching(value, REGION, "Not an AWS region code such as us-east-1 or eu-central-1");
  }

  static FormValidation checkRoleArn(String value) {
    return matching(value, ROLE_ARN, "Not an IAM role ARN such as arn:aws:iam::123456789012:role/deployer");
  }

  /** Whether an optional {@code value} matches {@code pattern}. */
  private static FormValidation matching(String value, Pattern pattern, String error) {
    String given = AwsStep.blankToNull(value);
    if (given == null || pattern.matcher(given).matches()) {
      return FormValidation.ok();
    }
    return FormValidation.error(error);
  }

  /** Who may have a value checked: whoever may configure the job; on the global page, administrators. */
  private static boolean mayCheck(Item item) {
    return item == null ? Jenkins.get().hasPermission(Jenkins.ADMINISTER) : item.hasPermission(Item.CONFIGURE);
  }
}
