// Compile-only subset of the Jenkins API for sagemaker-gitops-jenkins: never packaged, installed or
// deployed, replaced by the real artifact in the -Pjenkins build. Written by hand from the upstream
// signature, not copied: only the members the adapter uses, with the same names, types, modifiers
// and generic bounds. Checked against jenkinsci/jenkins core/src/main/java/hudson/security/ACLContext.java at tag jenkins-2.479.3.
// Omitted: the constructor (package-private upstream, used by ACL.as2) and getPreviousContext/getPreviousContext2.
package hudson.security;

public class ACLContext implements AutoCloseable {
  ACLContext() {}

  @Override
  public void close() {}
}
