package dev.sagemakergitops.cli;

import dev.sagemakergitops.core.pullrequest.BranchPublisher;
import dev.sagemakergitops.core.pullrequest.PullRequestHostKind;
import picocli.CommandLine.Option;

/**
 * The options that end a bump or revert flow at the user: {@code --push REMOTE} pushes the branch
 * the command wrote, {@code --open-pull-request HOST} opens its pull request (or updates the open
 * one), {@code --pull-request-base BRANCH} names the branch it merges into. Mixed into
 * {@code bump}, {@code register} and {@code status}.
 */
final class PublishOptions {
  @Option(names = "--push", paramLabel = "REMOTE",
      description = "Push the branch written to REMOTE (a remote name such as origin, a URL, or"
          + " codecommit::REGION://REPOSITORY) with the CI's credentials: GITHUB_TOKEN, GITLAB_TOKEN or CI_JOB_TOKEN,"
          + " SAGEMAKER_GITOPS_GIT_USERNAME/_PASSWORD, SSH keys, or AWS credentials for CodeCommit. Replaces what an"
          + " earlier run pushed there, never someone else's commits (docs/pull-requests.md).")
  String remote;

  @Option(names = "--open-pull-request", paramLabel = "HOST",
      description = "Open a pull request for the pushed branch on HOST (github, gitlab or codecommit), or update the"
          + " open one from that branch; pushes to origin unless --push names another remote.")
  String host;

  @Option(names = "--pull-request-base", paramLabel = "BRANCH",
      description = "The branch the pull request merges into (default: the CI's branch: GITHUB_BASE_REF,"
          + " GITHUB_REF_NAME, CI_COMMIT_BRANCH, CI_DEFAULT_BRANCH, BRANCH_NAME; else the checked-out branch; else"
          + " main).")
  String base;

  /** Whether the branch is to be pushed at all. */
  boolean requested() {
    return remote != null || host != null;
  }

  /**
   * What to do, checked, or {@code null} when none of these options was given.
   *
   * @param branchOption the option that names the branch written ({@code --branch}), for messages
   */
  BranchPublisher.Request requestOrNull(String branchOption, String branch) {
    if (!requested() && base == null) {
      return null;
    }
    return request(branchOption, branch);
  }

  /**
   * What to do, checked.
   *
   * @param branchOption the option that names the branch written ({@code --branch}), for messages
   */
  BranchPublisher.Request request(String branchOption, String branch) {
    if (base != null && host == null) {
      throw new InvalidInputException("--pull-request-base: only with --open-pull-request, which opens the pull"
          + " request it names the base of");
    }
    if (requested() && branch == null) {
      throw new InvalidInputException((remote != null ? "--push" : "--open-pull-request") + ": only with "
          + branchOption + ", which names the branch to push");
    }
    PullRequestHostKind kind = null;
    if (host != null) {
      try {
        kind = PullRequestHostKind.of(host);
      } catch (IllegalArgumentException e) {
        throw new InvalidInputException("--open-pull-request: " + e.getMessage());
      }
    }
    return new BranchPublisher.Request(remote == null ? "origin" : remote, kind, base);
  }
}
