// Compile-only subset of the Jenkins API for sagemaker-gitops-jenkins: never packaged, installed or
// deployed, replaced by the real artifact in the -Pjenkins build. Written by hand from the upstream
// signature, not copied: only the members the adapter uses, with the same names, types, modifiers
// and generic bounds. Checked against jenkinsci/jenkins core/src/main/java/jenkins/MasterToSlaveFileCallable.java at tag jenkins-2.479.3.
// Omitted: the body of checkRoles (upstream: checker.check(this, Roles.SLAVE)).
package jenkins;

import hudson.FilePath;
import org.jenkinsci.remoting.RoleChecker;

public abstract class MasterToSlaveFileCallable<T> implements FilePath.FileCallable<T> {
  private static final long serialVersionUID = 1L;

  @Override
  public void checkRoles(RoleChecker checker) throws SecurityException {}
}
