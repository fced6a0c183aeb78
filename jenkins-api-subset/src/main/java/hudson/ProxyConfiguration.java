// Compile-only subset of the Jenkins API for sagemaker-gitops-jenkins: never packaged, installed or
// deployed, replaced by the real artifact in the -Pjenkins build. Written by hand from the upstream
// signature, not copied: only the members the adapter uses, with the same names, types, modifiers
// and generic bounds. Checked against jenkinsci/jenkins core/src/main/java/hudson/ProxyConfiguration.java at tag jenkins-2.479.3.
// Omitted: AbstractDescribableImpl, Saveable, Serializable and every member but name, port, getUserName,
// getSecretPassword and getNoProxyHost.
package hudson;

import hudson.util.Secret;

public final class ProxyConfiguration {
  public final String name;
  public final int port;

  private ProxyConfiguration() {
    this.name = null;
    this.port = 0;
  }

  public String getUserName() {
    throw new UnsupportedOperationException("compile-only Jenkins API subset: needs a running Jenkins");
  }

  public Secret getSecretPassword() {
    throw new UnsupportedOperationException("compile-only Jenkins API subset: needs a running Jenkins");
  }

  public String getNoProxyHost() {
    throw new UnsupportedOperationException("compile-only Jenkins API subset: needs a running Jenkins");
  }
}
