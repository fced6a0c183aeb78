// Compile-only subset of the Jenkins API for sagemaker-gitops-jenkins: never packaged, installed or
// deployed, replaced by the real artifact in the -Pjenkins build. Written by hand from the upstream
// signature, not copied: only the members the adapter uses, with the same names, types, modifiers
// and generic bounds. Checked against jenkinsci/workflow-step-api-plugin src/main/java/org/jenkinsci/plugins/workflow/steps/StepDescriptor.java at 704.ve4f0967e98fa_, the version bom-2.479.x
// 5054.v620b_5d2b_d5e6 resolves (the members declared here are the same at 710.v3e456cc85233).
// Omitted: meta-step support, the deprecated newInstance/defineArguments/uninstantiate, the static lookups, argumentsToString.
package org.jenkinsci.plugins.workflow.steps;

import hudson.model.Descriptor;
import java.util.Collections;
import java.util.Set;

public abstract class StepDescriptor extends Descriptor<Step> {

  public abstract Set<? extends Class<?>> getRequiredContext();

  public Set<? extends Class<?>> getProvidedContext() {
    return Collections.emptySet();
  }

  public abstract String getFunctionName();

  public boolean takesImplicitBlockArgument() {
    return false;
  }

  public boolean isAdvanced() {
    return false;
  }
}
