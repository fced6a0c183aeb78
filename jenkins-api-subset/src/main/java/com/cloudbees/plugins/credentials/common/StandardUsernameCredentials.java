// Compile-only subset of the Jenkins API for sagemaker-gitops-jenkins: never packaged, installed or
// deployed, replaced by the real artifact in the -Pjenkins build. Written by hand from the upstream
// signature, not copied: only the members the adapter uses, with the same names, types, modifiers
// and generic bounds. Checked against jenkinsci/credentials-plugin src/main/java/com/cloudbees/plugins/credentials/common/StandardUsernameCredentials.java at 1415.v831096eb_5534, the version bom-2.479.x
// 5054.v620b_5d2b_d5e6 resolves.
// Omitted: @Recommended, @NameWith and the nested NameProvider.
package com.cloudbees.plugins.credentials.common;

public interface StandardUsernameCredentials extends StandardCredentials, UsernameCredentials {}
