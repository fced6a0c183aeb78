// Compile-only subset of the Jenkins API for sagemaker-gitops-jenkins: never packaged, installed or
// deployed, replaced by the real artifact in the -Pjenkins build. Written by hand from the upstream
// signature, not copied: only the members the adapter uses, with the same names, types, modifiers
// and generic bounds. Checked against jenkinsci/jenkins core/src/main/java/jenkins/model/Jenkins.java at tag jenkins-2.479.3.
// Omitted: AbstractCIBase and every interface but AccessControlled and ItemGroup (upstream's ItemGroup<TopLevelItem>,
// through DirectlyModifiableTopLevelItemGroup); every member but get, getInstanceOrNull, proxy and ADMINISTER
// (initialised to null here, as the subset's other permissions).
package jenkins.model;

import hudson.ProxyConfiguration;
import hudson.model.Item;
import hudson.model.ItemGroup;
import hudson.security.AccessControlled;
import hudson.security.Permission;

public class Jenkins implements AccessControlled, ItemGroup<Item> {
  public static final Permission ADMINISTER = null;

  public transient volatile ProxyConfiguration proxy;

  protected Jenkins() {}

  public static Jenkins get() throws IllegalStateException {
    throw new IllegalStateException("compile-only Jenkins API subset: no Jenkins is running");
  }

  public static Jenkins getInstanceOrNull() {
    return null;
  }
}
