// Compile-only subset of the Jenkins API for sagemaker-gitops-jenkins: never packaged, installed or
// deployed, replaced by the real artifact in the -Pjenkins build. Written by hand from the upstream
// signature, not copied: only the members the adapter uses, with the same names, types, modifiers
// and generic bounds. Checked against jenkinsci/jenkins core/src/main/java/hudson/model/TaskListener.java at tag jenkins-2.479.3.
// Omitted: SerializableOnlyOverRemoting and the default methods (annotate, hyperlink, error, fatalError, getCharset).
package hudson.model;

import java.io.PrintStream;

public interface TaskListener {
  PrintStream getLogger();
}
