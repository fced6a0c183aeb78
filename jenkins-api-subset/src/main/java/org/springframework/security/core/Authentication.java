// Compile-only subset of the Jenkins API for sagemaker-gitops-jenkins: never packaged, installed or
// deployed, replaced by the real artifact in the -Pjenkins build. Written by hand from the upstream
// signature, not copied: only the members the adapter uses, with the same names, types, modifiers
// and generic bounds. Checked against spring-projects/spring-security core/src/main/java/org/springframework/security/core/Authentication.java (Spring Security 6, as Jenkins 2.479.3 bundles).
// Omitted: every member (upstream it extends Principal and Serializable).
package org.springframework.security.core;

public interface Authentication {}
