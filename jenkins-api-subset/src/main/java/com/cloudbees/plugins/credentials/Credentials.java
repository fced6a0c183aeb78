// Compile-only subset of the Jenkins API for sagemaker-gitops-jenkins: never packaged, installed or
// deployed, replaced by the real artifact in the -Pjenkins build. Written by hand from the upstream
// signature, not copied: only the members the adapter uses, with the same names, types, modifiers
// and generic bounds. Checked against jenkinsci/credentials-plugin src/main/java/com/cloudbees/plugins/credentials/Credentials.java at 1415.v831096eb_5534, the version bom-2.479.x
// 5054.v620b_5d2b_d5e6 resolves (the members declared here are the same at HEAD d96751b, 1502.v5c95e620ddfe+2).
// Omitted: nothing but the annotations. Every abstract member is declared, so that a class which implements the
// interface here implements it against the real plugin too.
package com.cloudbees.plugins.credentials;

import hudson.ExtensionPoint;
import hudson.model.Describable;
import hudson.model.Run;
import java.io.Serializable;

public interface Credentials extends Describable<Credentials>, Serializable, ExtensionPoint {
  CredentialsScope getScope();

  @Override
  CredentialsDescriptor getDescriptor();

  default Credentials forRun(Run<?, ?> context) {
    return this;
  }
}
