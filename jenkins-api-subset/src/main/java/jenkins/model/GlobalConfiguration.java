// Compile-only subset of the Jenkins API for sagemaker-gitops-jenkins: never packaged, installed or
// deployed, replaced by the real artifact in the -Pjenkins build. Written by hand from the upstream
// signature, not copied: only the members the adapter uses, with the same names, types, modifiers
// and generic bounds. Checked against jenkinsci/jenkins core/src/main/java/jenkins/model/GlobalConfiguration.java at tag jenkins-2.479.3.
// Omitted: getGlobalConfigPage, configure (upstream binds the form to the @DataBoundSetters) and all();
// the constructor passes the class itself here, as upstream's self() does.
package jenkins.model;

import hudson.ExtensionPoint;
import hudson.model.Describable;
import hudson.model.Descriptor;

public abstract class GlobalConfiguration extends Descriptor<GlobalConfiguration>
    implements ExtensionPoint, Describable<GlobalConfiguration> {
  protected GlobalConfiguration() {
    super(GlobalConfiguration.class);
  }

  @Override
  public final Descriptor<GlobalConfiguration> getDescriptor() {
    return this;
  }
}
