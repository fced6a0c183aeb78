// Compile-only subset of the Jenkins API for sagemaker-gitops-jenkins: never packaged, installed or
// deployed, replaced by the real artifact in the -Pjenkins build. Written by hand from the upstream
// signature, not copied: only the members the adapter uses, with the same names, types, modifiers
// and generic bounds. Checked against jenkinsci/jenkins core/src/main/java/hudson/model/AbstractDescribableImpl.java at tag jenkins-2.479.3.
// The body needs Jenkins.get(); here it throws.
package hudson.model;

public abstract class AbstractDescribableImpl<T extends AbstractDescribableImpl<T>> implements Describable<T> {

  @Override
  public Descriptor<T> getDescriptor() {
    throw new UnsupportedOperationException("compile-only Jenkins API subset: needs a running Jenkins");
  }
}
