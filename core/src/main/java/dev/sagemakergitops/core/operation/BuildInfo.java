package dev.sagemakergitops.core.operation;

import dev.sagemakergitops.core.redaction.Redaction;

/**
 * The build that runs an operation, recorded as lineage ({@code MetadataProperties.GeneratedBy},
 * tags, the deployment record).
 *
 * @param url the build's URL (Jenkins {@code BUILD_URL}, a CodeBuild build ARN or console URL)
 *     without credentials, or {@code null} when run from a terminal
 * @param system who ran it: {@code jenkins}, {@code codebuild} or {@code cli}
 */
public record BuildInfo(String url, String system) {

  /** A URL with credentials ({@code https://user:token@jenkins/job/1/}) is kept without them. */
  public BuildInfo {
    url = Redaction.withoutUrlCredentials(url);
  }

  /** A run from a terminal, outside any CI system. */
  public static BuildInfo terminal() {
    return new BuildInfo(null, "cli");
  }

  /** What {@code GeneratedBy} and the {@code build} tag say: the URL, or the system's name. */
  public String generatedBy() {
    return url != null ? url : "sagemaker-gitops " + system;
  }
}
