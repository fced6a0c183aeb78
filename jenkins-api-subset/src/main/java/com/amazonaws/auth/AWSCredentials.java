// Compile-only subset of the Jenkins API for sagemaker-gitops-jenkins: never packaged, installed or
// deployed, replaced by the real artifact in the -Pjenkins build. Written by hand from the upstream
// signature, not copied: only the members the adapter uses, with the same names, types, modifiers
// and generic bounds. Checked against aws/aws-sdk-java aws-java-sdk-core src/main/java/com/amazonaws/auth/AWSCredentials.java
// (AWS SDK for Java 1.x, which the aws-credentials plugin 248.v78a_dcfc9db_ff gets through aws-java-sdk-minimal).
// Declared because AmazonWebServicesCredentials extends the v1 AWSCredentialsProvider, whose getCredentials returns it.
// Omitted: nothing.
package com.amazonaws.auth;

public interface AWSCredentials {
  String getAWSAccessKeyId();

  String getAWSSecretKey();
}
