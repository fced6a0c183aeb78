package dev.sagemakergitops.jenkins;

import java.util.LinkedHashMap;
import java.util.Map;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * An operation step that writes a branch for a pull request ({@code registerModel}'s bump branch,
 * {@code safeDeploy}'s revert branch) and so also takes the arguments that push it and open its pull
 * request: {@code push}, {@code openPullRequest}, {@code pullRequestBase} and
 * {@code gitCredentialsId}, the same for every such step as the command line's {@code --push},
 * {@code --open-pull-request} and {@code --pull-request-base} are for {@code register},
 * {@code bump} and {@code status}. What they do is {@link PullRequestOptions}'.
 */
public abstract class BranchPublishingStep extends OperationStep {
  private String push;
  private String openPullRequest;
  private String pullRequestBase;
  private String gitCredentialsId;

  protected BranchPublishingStep(String manifest) {
    super(manifest);
  }

  public String getPush() {
    return push;
  }

  /**
   * Pushes the branch the step wrote to this remote (a remote name of the repository, or a URL),
   * replacing what an earlier run pushed there, never someone else's commits.
   */
  @DataBoundSetter
  public void setPush(String push) {
    this.push = blankToNull(push);
  }

  public String getOpenPullRequest() {
    return openPullRequest;
  }

  /**
   * Opens the written branch's pull request on {@code github}, {@code gitlab} or {@code codecommit}
   * (or updates the open one), after pushing it ({@code push}, default {@code origin}).
   */
  @DataBoundSetter
  public void setOpenPullRequest(String openPullRequest) {
    this.openPullRequest = PullRequestOptions.host(blankToNull(openPullRequest));
  }

  public String getPullRequestBase() {
    return pullRequestBase;
  }

  /** The branch the pull request merges into (default: the build's {@code BRANCH_NAME}, else the checked-out branch). */
  @DataBoundSetter
  public void setPullRequestBase(String pullRequestBase) {
    this.pullRequestBase = blankToNull(pullRequestBase);
  }

  public String getGitCredentialsId() {
    return gitCredentialsId;
  }

  /**
   * The credentials the push and the pull request are made with: Secret text, Username with
   * password, or SSH Username with private key ({@link GitHostCredentials}); without it, the
   * build's own environment ({@code withCredentials}) is used.
   */
  @DataBoundSetter
  public void setGitCredentialsId(String gitCredentialsId) {
    this.gitCredentialsId = blankToNull(gitCredentialsId);
  }

  /**
   * The step's own arguments followed by the publishing ones that are set (a step that does not
   * publish keeps exactly the options it had before it could).
   */
  protected final Map<String, String> withPublishing(Map<String, String> own) {
    Map<String, String> options = new LinkedHashMap<>(own);
    optionsOf(PullRequestOptions.PUSH, push, PullRequestOptions.OPEN_PULL_REQUEST, openPullRequest,
        PullRequestOptions.PULL_REQUEST_BASE, pullRequestBase, PullRequestOptions.GIT_CREDENTIALS_ID, gitCredentialsId)
        .forEach((name, value) -> {
          if (value != null) {
            options.put(name, value);
          }
        });
    return options;
  }
}
