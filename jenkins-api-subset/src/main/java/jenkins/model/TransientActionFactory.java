// Compile-only subset of the Jenkins API for sagemaker-gitops-jenkins: never packaged, installed or
// deployed, replaced by the real artifact in the -Pjenkins build. Written by hand from the upstream
// signature, not copied: only the members the adapter uses, with the same names, types, modifiers
// and generic bounds. Checked against jenkinsci/jenkins core/src/main/java/jenkins/model/TransientActionFactory.java at tag
// jenkins-2.479.3 ("public abstract class TransientActionFactory<T> implements ExtensionPoint"; "public abstract
// Class<T> type()"; "public Class<? extends Action> actionType()", which upstream returns Action.class unless
// overridden; "public abstract @NonNull Collection<? extends Action> createFor(@NonNull T target)").
// Omitted: the nested Cache and the static factoriesFor, which Jenkins itself calls.
package jenkins.model;

import hudson.ExtensionPoint;
import hudson.model.Action;
import java.util.Collection;

public abstract class TransientActionFactory<T> implements ExtensionPoint {
  public abstract Class<T> type();

  public Class<? extends Action> actionType() {
    return Action.class;
  }

  public abstract Collection<? extends Action> createFor(T target);
}
