// Compile-only subset of the Jenkins API for sagemaker-gitops-jenkins: never packaged, installed or
// deployed, replaced by the real artifact in the -Pjenkins build. Written by hand from the upstream
// signature, not copied: only the members the adapter uses, with the same names, types, modifiers
// and generic bounds. Checked against jenkinsci/remoting src/main/java/org/jenkinsci/remoting/RoleChecker.java at HEAD
// fa5f12a8 (the remoting of Jenkins 2.479.3 is 3261.v9c670a_4748a_9).
// Omitted: every member (the check methods, which the subset's callables do not call).
package org.jenkinsci.remoting;

public abstract class RoleChecker {}
