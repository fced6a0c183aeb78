package dev.sagemakergitops.cli;

import dev.sagemakergitops.core.operation.BuildInfo;
import java.util.Map;

/**
 * Recognises the CI system a command runs in from its environment variables, for lineage: which
 * build deployed what. Jenkins sets {@code BUILD_URL}; CodeBuild sets {@code CODEBUILD_BUILD_URL}
 * (and {@code CODEBUILD_BUILD_ARN}).
 */
final class BuildEnvironment {
  private BuildEnvironment() {}

  static BuildInfo detect(Map<String, String> environment, String explicitUrl) {
    if (explicitUrl != null && !explicitUrl.isBlank()) {
      return new BuildInfo(explicitUrl, system(environment));
    }
    String codeBuild = first(environment, "CODEBUILD_BUILD_URL", "CODEBUILD_BUILD_ARN");
    if (codeBuild != null) {
      return new BuildInfo(codeBuild, "codebuild");
    }
    String jenkins = environment.get("BUILD_URL");
    if (jenkins != null && !jenkins.isBlank()) {
      return new BuildInfo(jenkins, "jenkins");
    }
    return BuildInfo.terminal();
  }

  private static String system(Map<String, String> environment) {
    if (environment.containsKey("CODEBUILD_BUILD_ID")) {
      return "codebuild";
    }
    return environment.containsKey("JENKINS_URL") ? "jenkins" : "cli";
  }

  private static String first(Map<String, String> environment, String... names) {
    for (String name : names) {
      String value = environment.get(name);
      if (value != null && !value.isBlank()) {
        return value;
      }
    }
    return null;
  }
}
