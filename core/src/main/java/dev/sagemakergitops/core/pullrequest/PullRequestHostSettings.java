package dev.sagemakergitops.core.pullrequest;

import dev.sagemakergitops.core.aws.AwsSettings;

/**
 * What a host needs besides the environment's variables.
 *
 * @param codeCommitRepository the CodeCommit repository's name, or {@code null} to take it from
 *     {@code CODEBUILD_SOURCE_REPO_URL}; unused by other hosts
 * @param aws how CodeCommit is reached (region, profile, role, the endpoint override the rest of the
 *     tool uses for the local control plane); unused by other hosts
 */
public record PullRequestHostSettings(String codeCommitRepository, AwsSettings aws) {
  public PullRequestHostSettings {
    aws = aws == null ? AwsSettings.defaults() : aws;
    codeCommitRepository = codeCommitRepository == null || codeCommitRepository.isBlank() ? null
        : codeCommitRepository.strip();
  }

  /** No CodeCommit repository named; AWS by its conventions. */
  public static PullRequestHostSettings defaults() {
    return new PullRequestHostSettings(null, AwsSettings.defaults());
  }
}
