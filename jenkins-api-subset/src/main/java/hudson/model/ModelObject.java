// Compile-only subset of the Jenkins API for sagemaker-gitops-jenkins: never packaged, installed or
// deployed, replaced by the real artifact in the -Pjenkins build. Written by hand from the upstream
// signature, not copied: only the members the adapter uses, with the same names, types, modifiers
// and generic bounds. Checked against jenkinsci/jenkins core/src/main/java/hudson/model/ModelObject.java at tag jenkins-2.479.3
// ("public interface ModelObject { String getDisplayName(); }").
package hudson.model;

public interface ModelObject {
  String getDisplayName();
}
