// Compile-only subset of the Jenkins API for sagemaker-gitops-jenkins: never packaged, installed or
// deployed, replaced by the real artifact in the -Pjenkins build. Written by hand from the upstream
// signature, not copied: only the members the adapter uses, with the same names, types, modifiers
// and generic bounds. Checked against jenkinsci/jenkins core/src/main/java/hudson/FilePath.java at tag jenkins-2.479.3.
// Omitted: remoting (a FilePath here is always local), every file operation; upstream implements SerializableOnlyOverRemoting.
package hudson;

import java.io.File;
import java.io.Serializable;

public final class FilePath implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String remote;

  public FilePath(File localPath) {
    this.remote = localPath.getPath();
  }

  public String getRemote() {
    return remote;
  }

  public boolean isRemote() {
    return false;
  }
}
