// Compile-only subset of the Jenkins API for sagemaker-gitops-jenkins: never packaged, installed or
// deployed, replaced by the real artifact in the -Pjenkins build. Written by hand from the upstream
// signature, not copied: only the members the adapter uses, with the same names, types, modifiers
// and generic bounds. Checked against jenkinsci/jenkins core/src/main/java/hudson/init/InitMilestone.java at tag jenkins-2.479.3.
// Omitted: the Milestone interface, the display texts and every method; the constants are upstream's, in its order.
package hudson.init;

public enum InitMilestone {
  STARTED,
  PLUGINS_LISTED,
  PLUGINS_PREPARED,
  PLUGINS_STARTED,
  EXTENSIONS_AUGMENTED,
  SYSTEM_CONFIG_LOADED,
  SYSTEM_CONFIG_ADAPTED,
  JOB_LOADED,
  JOB_CONFIG_ADAPTED,
  COMPLETED
}
