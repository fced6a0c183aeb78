// Compile-only subset of the Jenkins API for sagemaker-gitops-jenkins: never packaged, installed or
// deployed, replaced by the real artifact in the -Pjenkins build. Written by hand from the upstream
// signature, not copied: only the members the adapter uses, with the same names, types, modifiers
// and generic bounds. Checked against jenkinsci/jenkins core/src/main/java/hudson/model/listeners/ItemListener.java at tag jenkins-2.479.3.
// Omitted: every member but onBeforeShutdown (called by Jenkins.cleanUp before the terminators run).
package hudson.model.listeners;

import hudson.ExtensionPoint;

public class ItemListener implements ExtensionPoint {
  public void onBeforeShutdown() {}
}
