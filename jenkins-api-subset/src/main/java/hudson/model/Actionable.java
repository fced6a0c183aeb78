// Compile-only subset of the Jenkins API for sagemaker-gitops-jenkins: never packaged, installed or
// deployed, replaced by the real artifact in the -Pjenkins build. Written by hand from the upstream
// signature, not copied: only the members the adapter uses, with the same names, types, modifiers
// and generic bounds. Checked against jenkinsci/jenkins core/src/main/java/hudson/model/Actionable.java at tag jenkins-2.479.3
// ("public abstract class Actionable extends AbstractModelObject implements ModelObjectWithContextMenu";
// "public void addAction(@NonNull Action a)"; "public <T extends Action> T getAction(Class<T> type)").
// Omitted: the supertypes and every other member; the adapter adds its report to a run and finds it again.
package hudson.model;

public abstract class Actionable {
  public void addAction(Action a) {
    throw new UnsupportedOperationException("compile-only declaration of hudson.model.Actionable#addAction");
  }

  public <T extends Action> T getAction(Class<T> type) {
    throw new UnsupportedOperationException("compile-only declaration of hudson.model.Actionable#getAction");
  }
}
