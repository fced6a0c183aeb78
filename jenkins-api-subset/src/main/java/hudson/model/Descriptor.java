// Compile-only subset of the Jenkins API for sagemaker-gitops-jenkins: never packaged, installed or
// deployed, replaced by the real artifact in the -Pjenkins build. Written by hand from the upstream
// signature, not copied: only the members the adapter uses, with the same names, types, modifiers
// and generic bounds. Checked against jenkinsci/jenkins core/src/main/java/hudson/model/Descriptor.java at tag jenkins-2.479.3.
// Omitted: Loadable, Saveable, OnMaster and every member but clazz, the two constructors, getDisplayName, save and load.
package hudson.model;

public abstract class Descriptor<T extends Describable<T>> {
  public final transient Class<? extends T> clazz;

  protected Descriptor(Class<? extends T> clazz) {
    this.clazz = clazz;
  }

  @SuppressWarnings("unchecked")
  protected Descriptor() {
    this.clazz = (Class<T>) getClass().getEnclosingClass();
    if (clazz == null) {
      throw new AssertionError(getClass() + " doesn't have an outer class. Use the constructor that takes the Class object explicitly.");
    }
  }

  public String getDisplayName() {
    return clazz.getSimpleName();
  }

  public synchronized void save() {
    throw new UnsupportedOperationException("compile-only Jenkins API subset: needs a running Jenkins");
  }

  public synchronized void load() {
    throw new UnsupportedOperationException("compile-only Jenkins API subset: needs a running Jenkins");
  }
}
