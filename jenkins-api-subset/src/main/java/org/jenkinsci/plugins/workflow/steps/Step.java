// Compile-only subset of the Jenkins API for sagemaker-gitops-jenkins: never packaged, installed or
// deployed, replaced by the real artifact in the -Pjenkins build. Written by hand from the upstream
// signature, not copied: only the members the adapter uses, with the same names, types, modifiers
// and generic bounds. Checked against jenkinsci/workflow-step-api-plugin src/main/java/org/jenkinsci/plugins/workflow/steps/Step.java at 704.ve4f0967e98fa_, the version bom-2.479.x
// 5054.v620b_5d2b_d5e6 resolves (the members declared here are the same at 710.v3e456cc85233).
// Omitted: nothing.
package org.jenkinsci.plugins.workflow.steps;

import hudson.ExtensionPoint;
import hudson.model.AbstractDescribableImpl;

public abstract class Step extends AbstractDescribableImpl<Step> implements ExtensionPoint {

  public abstract StepExecution start(StepContext context) throws Exception;

  @Override
  public StepDescriptor getDescriptor() {
    return (StepDescriptor) super.getDescriptor();
  }
}
