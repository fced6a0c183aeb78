// Compile-only subset of the Jenkins API for sagemaker-gitops-jenkins: never packaged, installed or
// deployed, replaced by the real artifact in the -Pjenkins build. Written by hand from the upstream
// signature, not copied: only the members the adapter uses, with the same names, types, modifiers
// and generic bounds. Checked against jenkinsci/credentials-plugin src/main/java/com/cloudbees/plugins/credentials/common/AbstractIdCredentialsListBoxModel.java at 1415.v831096eb_5534, the version bom-2.479.x
// 5054.v620b_5d2b_d5e6 resolves (the members declared here are the same at HEAD d96751b, 1502.v5c95e620ddfe+2).
// Omitted: describe, the with*/include* variants the adapter does not call, addMissing.
package com.cloudbees.plugins.credentials.common;

import com.cloudbees.plugins.credentials.CredentialsMatcher;
import com.cloudbees.plugins.credentials.domains.DomainRequirement;
import hudson.model.Item;
import hudson.model.ItemGroup;
import hudson.util.ListBoxModel;
import java.util.List;
import org.springframework.security.core.Authentication;

public abstract class AbstractIdCredentialsListBoxModel<T extends AbstractIdCredentialsListBoxModel<T, C>,
    C extends IdCredentials> extends ListBoxModel {
  private static final long serialVersionUID = 1L;

  public AbstractIdCredentialsListBoxModel<T, C> includeEmptyValue() {
    throw new UnsupportedOperationException("compile-only Jenkins API subset: needs a running Jenkins");
  }

  public AbstractIdCredentialsListBoxModel<T, C> includeMatchingAs(Authentication authentication, Item context,
      Class<? extends C> type, List<DomainRequirement> domainRequirements, CredentialsMatcher matcher) {
    throw new UnsupportedOperationException("compile-only Jenkins API subset: needs a running Jenkins");
  }

  @SuppressWarnings("rawtypes")
  public AbstractIdCredentialsListBoxModel<T, C> includeMatchingAs(Authentication authentication, ItemGroup context,
      Class<? extends C> type, List<DomainRequirement> domainRequirements, CredentialsMatcher matcher) {
    throw new UnsupportedOperationException("compile-only Jenkins API subset: needs a running Jenkins");
  }

  public AbstractIdCredentialsListBoxModel<T, C> includeCurrentValue(String value) {
    throw new UnsupportedOperationException("compile-only Jenkins API subset: needs a running Jenkins");
  }
}
