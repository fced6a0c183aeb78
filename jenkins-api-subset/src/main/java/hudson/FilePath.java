// Compile-only subset of the Jenkins API for sagemaker-gitops-jenkins: never packaged, installed or
// deployed, replaced by the real artifact in the -Pjenkins build. Written by hand from the upstream
// signature, not copied: only the members the adapter uses, with the same names, types, modifiers
// and generic bounds. Checked against jenkinsci/jenkins core/src/main/java/hudson/FilePath.java at tag jenkins-2.479.3.
// Omitted: remoting (a FilePath here is always local: act runs the callable in this JVM, without a channel), every
// other file operation; upstream implements SerializableOnlyOverRemoting.
package hudson;

import hudson.remoting.VirtualChannel;
import java.io.File;
import java.io.IOException;
import java.io.Serializable;
import org.jenkinsci.remoting.RoleSensitive;

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

  public FilePath child(String relOrAbsolute) {
    File child = new File(relOrAbsolute);
    return new FilePath(child.isAbsolute() ? child : new File(remote, relOrAbsolute));
  }

  public <T> T act(final FileCallable<T> callable) throws IOException, InterruptedException {
    return callable.invoke(new File(remote), null);
  }

  public interface FileCallable<T> extends Serializable, RoleSensitive {
    T invoke(File f, VirtualChannel channel) throws IOException, InterruptedException;
  }
}
