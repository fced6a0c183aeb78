// Compile-only subset of the Jenkins API for sagemaker-gitops-jenkins: never packaged, installed or
// deployed, replaced by the real artifact in the -Pjenkins build. Written by hand from the upstream
// signature, not copied: only the members the adapter uses, with the same names, types, modifiers
// and generic bounds. Checked against jenkinsci/workflow-api-plugin src/main/java/org/jenkinsci/plugins/workflow/flow/FlowExecutionList.java
// (the constant exists since 1259.vb_47f14fffc8a_, 2023-08-16, so in every version bom-2.479.x resolves).
// Omitted: @Extension, Iterable<FlowExecution> and every member but EXECUTIONS_SUSPENDED.
package org.jenkinsci.plugins.workflow.flow;

public class FlowExecutionList {
  /** The terminator milestone after which every running build has been suspended and saved. */
  public static final String EXECUTIONS_SUSPENDED = "FlowExecutionList.EXECUTIONS_SUSPENDED";
}
