// Compile-only subset of the Jenkins API for sagemaker-gitops-jenkins: never packaged, installed or
// deployed, replaced by the real artifact in the -Pjenkins build. Written by hand from the upstream
// signature, not copied: only the members the adapter uses, with the same names, types, modifiers
// and generic bounds. Checked against jenkinsci/jenkins core/src/main/java/hudson/security/ACL.java at tag jenkins-2.479.3.
// Omitted: every member but SYSTEM2 (initialised to null here) and as2 (which needs a running Jenkins).
package hudson.security;

import org.springframework.security.core.Authentication;

public abstract class ACL {
  public static final Authentication SYSTEM2 = null;

  public static ACLContext as2(Authentication auth) {
    throw new UnsupportedOperationException("compile-only Jenkins API subset: needs a running Jenkins");
  }
}
