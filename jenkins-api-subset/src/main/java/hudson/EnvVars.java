// Compile-only subset of the Jenkins API for sagemaker-gitops-jenkins: never packaged, installed or
// deployed, replaced by the real artifact in the -Pjenkins build. Written by hand from the upstream
// signature, not copied: only the members the adapter uses, with the same names, types, modifiers
// and generic bounds. Checked against jenkinsci/jenkins core/src/main/java/hudson/EnvVars.java at tag jenkins-2.479.3.
// Omitted: platform handling, override/expand and the other helpers; keys compare case-sensitively here.
package hudson;

import java.util.Map;
import java.util.TreeMap;

public class EnvVars extends TreeMap<String, String> {
  private static final long serialVersionUID = 1L;

  public EnvVars() {}

  public EnvVars(Map<String, String> m) {
    putAll(m);
  }
}
