// Compile-only subset of the Jenkins API for sagemaker-gitops-jenkins: never packaged, installed or
// deployed, replaced by the real artifact in the -Pjenkins build. Written by hand from the upstream
// signature, not copied: only the members the adapter uses, with the same names, types, modifiers
// and generic bounds. Checked against jenkinsci/aws-credentials-plugin src/main/java/com/cloudbees/jenkins/plugins/awscredentials/AmazonWebServicesCredentials.java at 248.v78a_dcfc9db_ff, the version bom-2.479.x
// 5054.v620b_5d2b_d5e6 resolves (the members declared here are the same at 262.v0efb_28f71f94).
// Omitted: the annotations and the nested NameProvider. Every abstract member is declared (the v1 AWSCredentialsProvider
// too), so that a class which implements the interface here implements it against the real plugin too.
package com.cloudbees.jenkins.plugins.awscredentials;

import com.amazonaws.auth.AWSCredentials;
import com.amazonaws.auth.AWSCredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

public interface AmazonWebServicesCredentials extends StandardCredentials, AwsCredentialsProvider, AWSCredentialsProvider {
  long serialVersionUID = -8931505925778535681L;

  String getDisplayName();

  AwsCredentials resolveCredentials(String mfaToken);

  /** @deprecated as upstream: use {@link #resolveCredentials(String)}. */
  @Deprecated
  AWSCredentials getCredentials(String mfaToken);
}
