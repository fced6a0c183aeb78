// Compile-only subset of the Jenkins API for sagemaker-gitops-jenkins: never packaged, installed or
// deployed, replaced by the real artifact in the -Pjenkins build. Written by hand from the upstream
// signature, not copied: only the members the adapter uses, with the same names, types, modifiers
// and generic bounds. Checked against jenkinsci/jenkins core/src/main/java/hudson/util/Secret.java at tag jenkins-2.479.3.
// Omitted: the encryption and every member but getPlainText (upstream, too, implements only Serializable).
package hudson.util;

import java.io.Serializable;

public final class Secret implements Serializable {
  private static final long serialVersionUID = 1L;

  private Secret() {}

  public String getPlainText() {
    throw new UnsupportedOperationException("compile-only Jenkins API subset: needs a running Jenkins");
  }
}
