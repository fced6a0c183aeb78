package dev.sagemakergitops.jenkins;

import hudson.Extension;
import hudson.ExtensionList;
import jenkins.model.GlobalConfiguration;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * The administrator's settings of the steps, in <em>Manage Jenkins &gt; System &gt; SageMaker
 * GitOps</em> (and Configuration as Code): what {@link AdminPolicy} the steps run under. All off and
 * empty by default. Only administrators can change it (Jenkins' system configuration page requires
 * {@code Jenkins.ADMINISTER}).
 */
@Extension
public class SageMakerGitOpsConfiguration extends GlobalConfiguration {
  private boolean allowControllerIdentity;
  private boolean allowControllerRepositories;
  private String allowedEndpoints;

  public SageMakerGitOpsConfiguration() {
    load();
  }

  /** The one instance Jenkins holds. */
  public static SageMakerGitOpsConfiguration get() {
    return ExtensionList.lookupSingleton(SageMakerGitOpsConfiguration.class);
  }

  public boolean isAllowControllerIdentity() {
    return allowControllerIdentity;
  }

  @DataBoundSetter
  public void setAllowControllerIdentity(boolean allowControllerIdentity) {
    this.allowControllerIdentity = allowControllerIdentity;
    save();
  }

  public boolean isAllowControllerRepositories() {
    return allowControllerRepositories;
  }

  @DataBoundSetter
  public void setAllowControllerRepositories(boolean allowControllerRepositories) {
    this.allowControllerRepositories = allowControllerRepositories;
    save();
  }

  public String getAllowedEndpoints() {
    return allowedEndpoints;
  }

  @DataBoundSetter
  public void setAllowedEndpoints(String allowedEndpoints) {
    this.allowedEndpoints = AwsStep.blankToNull(allowedEndpoints);
    save();
  }

  @Override
  public String getDisplayName() {
    return "SageMaker GitOps";
  }

  /** The policy the steps run under now. */
  AdminPolicy policy() {
    return new AdminPolicy(allowControllerIdentity, allowControllerRepositories, AdminPolicy.hosts(allowedEndpoints));
  }
}
