// Compile-only subset of the Jenkins API for sagemaker-gitops-jenkins: never packaged, installed or
// deployed, replaced by the real artifact in the -Pjenkins build. Written by hand from the upstream
// signature, not copied: only the members the adapter uses, with the same names, types, modifiers
// and generic bounds. Checked against jenkinsci/credentials-plugin src/main/java/com/cloudbees/plugins/credentials/CredentialsProvider.java at 1415.v831096eb_5534, the version bom-2.479.x
// 5054.v620b_5d2b_d5e6 resolves (the members declared here are the same at HEAD d96751b, 1502.v5c95e620ddfe+2).
// Omitted: Descriptor, Describable, IconSpec and every member but findCredentialById (the List variant), track(Run, C) and USE_ITEM (initialised to null here).
package com.cloudbees.plugins.credentials;

import com.cloudbees.plugins.credentials.common.IdCredentials;
import com.cloudbees.plugins.credentials.domains.DomainRequirement;
import hudson.ExtensionPoint;
import hudson.model.Run;
import hudson.security.Permission;
import java.util.List;

public abstract class CredentialsProvider implements ExtensionPoint {
  public static final Permission USE_ITEM = null;

  public static <C extends IdCredentials> C findCredentialById(String id, Class<C> type, Run<?, ?> run,
      List<DomainRequirement> domainRequirements) {
    throw new UnsupportedOperationException("compile-only Jenkins API subset: needs a running Jenkins");
  }

  @SuppressWarnings("rawtypes")
  public static <C extends Credentials> C track(Run build, C credentials) {
    throw new UnsupportedOperationException("compile-only Jenkins API subset: needs a running Jenkins");
  }
}
