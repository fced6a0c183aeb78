// Compile-only subset of the Jenkins API for sagemaker-gitops-jenkins: never packaged, installed or
// deployed, replaced by the real artifact in the -Pjenkins build. Written by hand from the upstream
// signature, not copied: only the members the adapter uses, with the same names, types, modifiers
// and generic bounds. Checked against jenkinsci/workflow-step-api-plugin src/main/java/org/jenkinsci/plugins/workflow/steps/StepExecution.java at 704.ve4f0967e98fa_, the version bom-2.479.x
// 5054.v620b_5d2b_d5e6 resolves (the members declared here are the same at 710.v3e456cc85233).
// Omitted: the deprecated Guice constructor and injected field, getStatusBounded, acceptAll/applyAll.
package org.jenkinsci.plugins.workflow.steps;

import java.io.Serializable;

public abstract class StepExecution implements Serializable {
  private static final long serialVersionUID = 1L;

  private StepContext context;

  protected StepExecution(StepContext context) {
    this.context = context;
  }

  public StepContext getContext() {
    if (context == null) {
      throw new IllegalStateException("you must either pass in a StepContext to the StepExecution constructor, "
          + "or have the StepExecution be created automatically");
    }
    return context;
  }

  public abstract boolean start() throws Exception;

  public void stop(Throwable cause) throws Exception {
    getContext().onFailure(cause);
  }

  public void onResume() {}

  public String getStatus() {
    return null;
  }

  public boolean blocksRestart() {
    return false;
  }
}
