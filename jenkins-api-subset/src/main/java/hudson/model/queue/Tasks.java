// Compile-only subset of the Jenkins API for sagemaker-gitops-jenkins: never packaged, installed or
// deployed, replaced by the real artifact in the -Pjenkins build. Written by hand from the upstream
// signature, not copied: only the members the adapter uses, with the same names, types, modifiers
// and generic bounds. Checked against jenkinsci/jenkins core/src/main/java/hudson/model/queue/Tasks.java at tag jenkins-2.479.3.
// Omitted: every member but getAuthenticationOf2.
package hudson.model.queue;

import hudson.model.Queue;
import org.springframework.security.core.Authentication;

public class Tasks {

  public static Authentication getAuthenticationOf2(Queue.Task t) {
    throw new UnsupportedOperationException("compile-only Jenkins API subset: needs a running Jenkins");
  }
}
