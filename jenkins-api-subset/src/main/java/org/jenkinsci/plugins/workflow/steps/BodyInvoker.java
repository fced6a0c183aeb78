// Compile-only subset of the Jenkins API for sagemaker-gitops-jenkins: never packaged, installed or
// deployed, replaced by the real artifact in the -Pjenkins build. Written by hand from the upstream
// signature, not copied: only the members the adapter uses, with the same names, types, modifiers
// and generic bounds. Checked against jenkinsci/workflow-step-api-plugin src/main/java/org/jenkinsci/plugins/workflow/steps/BodyInvoker.java at 710.v3e456cc85233 (HEAD 0773c3c, 2025-11-17).
// Omitted: every member; only the type is needed, as the return type of StepContext.newBodyInvoker().
package org.jenkinsci.plugins.workflow.steps;

public abstract class BodyInvoker {}
