// Compile-only subset of the Jenkins API for sagemaker-gitops-jenkins: never packaged, installed or
// deployed, replaced by the real artifact in the -Pjenkins build. Written by hand from the upstream
// signature, not copied: only the members the adapter uses, with the same names, types, modifiers
// and generic bounds. Checked against jenkinsci/workflow-step-api-plugin src/main/java/org/jenkinsci/plugins/workflow/steps/StepContext.java at 704.ve4f0967e98fa_, the version bom-2.479.x
// 5054.v620b_5d2b_d5e6 resolves (the members declared here are the same at 710.v3e456cc85233).
// Omitted: nothing but the Javadoc; onFailure(Throwable) comes from Guava's FutureCallback, as upstream.
package org.jenkinsci.plugins.workflow.steps;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.ListenableFuture;
import hudson.model.Result;
import java.io.IOException;
import java.io.Serializable;

public abstract class StepContext implements FutureCallback<Object>, Serializable {
  private static final long serialVersionUID = 1L;

  public abstract <T> T get(Class<T> key) throws IOException, InterruptedException;

  @Override
  public abstract void onSuccess(Object result);

  public abstract boolean isReady();

  public abstract ListenableFuture<Void> saveState();

  public abstract void setResult(Result r);

  public abstract BodyInvoker newBodyInvoker() throws IllegalStateException;

  public boolean hasBody() {
    try {
      newBodyInvoker();
      return true;
    } catch (IllegalStateException x) {
      return false;
    }
  }

  @Override
  public abstract boolean equals(Object o);

  @Override
  public abstract int hashCode();
}
