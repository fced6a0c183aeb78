package dev.sagemakergitops.jenkins;

import dev.sagemakergitops.core.aws.HttpProxy;
import hudson.Extension;
import hudson.ExtensionList;
import hudson.ProxyConfiguration;
import java.net.URI;
import java.util.LinkedHashSet;
import java.util.Set;
import jenkins.model.GlobalConfiguration;
import jenkins.model.Jenkins;
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

  /** The policy the steps run under now, with Jenkins' HTTP proxy. */
  AdminPolicy policy() {
    Jenkins jenkins = Jenkins.getInstanceOrNull();
    return new AdminPolicy(allowControllerIdentity, allowControllerRepositories, AdminPolicy.hosts(allowedEndpoints),
        jenkins == null ? null : proxy(jenkins.proxy));
  }

  /**
   * Jenkins' proxy settings as the AWS clients take them: {@code name:port}, the user and password,
   * and the hosts reached directly ("No Proxy Host", one pattern a line, {@code *} a wildcard, as
   * Jenkins' {@code ProxyConfiguration.getNoProxyHostPatterns} reads them).
   */
  static HttpProxy proxy(ProxyConfiguration configured) {
    if (configured == null || AwsStep.blankToNull(configured.name) == null) {
      return null;
    }
    Set<String> direct = new LinkedHashSet<>(AdminPolicy.hosts(configured.getNoProxyHost()));
    String password = configured.getSecretPassword() == null ? null
        : AwsStep.blankToNull(configured.getSecretPassword().getPlainText());
    return new HttpProxy(URI.create("http://" + configured.name.strip() + ":" + configured.port),
        AwsStep.blankToNull(configured.getUserName()), password, direct);
  }
}
