// Compile-only subset of the Jenkins API for sagemaker-gitops-jenkins: never packaged, installed or
// deployed, replaced by the real artifact in the -Pjenkins build. Written by hand from the upstream
// signature, not copied: only the members the adapter uses, with the same names, types, modifiers
// and generic bounds. Checked against jenkinsci/jenkins core/src/main/java/jenkins/model/RunAction2.java at tag jenkins-2.479.3
// ("public interface RunAction2 extends Action" with "void onAttached(Run<?, ?> r)" and "void onLoad(Run<?, ?> r)").
package jenkins.model;

import hudson.model.Action;
import hudson.model.Run;

public interface RunAction2 extends Action {
  void onAttached(Run<?, ?> r);

  void onLoad(Run<?, ?> r);
}
