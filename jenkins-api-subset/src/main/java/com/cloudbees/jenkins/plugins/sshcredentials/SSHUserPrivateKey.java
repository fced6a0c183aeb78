// Compile-only subset of the Jenkins API for sagemaker-gitops-jenkins: never packaged, installed or
// deployed, replaced by the real artifact in the -Pjenkins build. Written by hand from the upstream
// signature, not copied: only the members the adapter uses, with the same names, types, modifiers
// and generic bounds. Checked against jenkinsci/ssh-credentials-plugin src/main/java/com/cloudbees/jenkins/plugins/sshcredentials/SSHUserPrivateKey.java
// at 359.v2191c4cf635f, the version bom-2.479.x 5054.v620b_5d2b_d5e6 resolves (from bom-weekly): "SSH Username
// with private key" credentials. Omitted: @NonNull, @CheckForNull and the deprecated default getPrivateKey().
package com.cloudbees.jenkins.plugins.sshcredentials;

import hudson.util.Secret;
import java.util.List;

public interface SSHUserPrivateKey extends SSHUser {
  /** The passphrase of the keys, or {@code null} when they have none. */
  Secret getPassphrase();

  /** The keys' own text (not paths), to try in order. */
  List<String> getPrivateKeys();
}
