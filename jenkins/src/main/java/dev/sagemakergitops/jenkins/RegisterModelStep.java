package dev.sagemakergitops.jenkins;

import hudson.Extension;
import java.util.Map;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code registerModel}: registers the trained model as a version of the manifest's {@code
 * spec.registry} group, with its lineage, once per artifact and image digest; optionally writes the
 * commit that bumps the manifest's package version on a branch, ready for a pull request. The
 * artifact is {@code modelArtifactUri}, else that of training job {@code trainingJob}, else that of
 * the job {@code sagemakerTrain} runs for this manifest and ref. Returns {@code modelPackageArn},
 * {@code modelPackageVersion}, {@code modelPackage} and the bump branch and commit when written (see
 * {@link RegisterOperationFactory}).
 */
public final class RegisterModelStep extends OperationStep {
  static final String FUNCTION = "registerModel";

  private String trainingJob;
  private String modelArtifactUri;
  private String bumpBranch;
  private String push;
  private String openPullRequest;
  private String pullRequestBase;
  private String gitCredentialsId;

  @DataBoundConstructor
  public RegisterModelStep(String manifest) {
    super(manifest);
  }

  public String getTrainingJob() {
    return trainingJob;
  }

  /**
   * The training job whose artifact is registered; by default the job {@code sagemakerTrain} runs for
   * this manifest at this ref.
   */
  @DataBoundSetter
  public void setTrainingJob(String trainingJob) {
    this.trainingJob = blankToNull(trainingJob);
  }

  public String getModelArtifactUri() {
    return modelArtifactUri;
  }

  /** An artifact made outside {@code sagemakerTrain} ({@code s3://.../model.tar.gz}), instead of a training job's. */
  @DataBoundSetter
  public void setModelArtifactUri(String modelArtifactUri) {
    this.modelArtifactUri = blankToNull(modelArtifactUri);
  }

  public String getBumpBranch() {
    return bumpBranch;
  }

  /**
   * A branch to write the commit that bumps the manifest's {@code spec.model.package} to the new version
   * on.
   */
  @DataBoundSetter
  public void setBumpBranch(String bumpBranch) {
    this.bumpBranch = blankToNull(bumpBranch);
  }

  public String getPush() {
    return push;
  }

  /**
   * Pushes the bump branch to this remote (a remote name of the repository, or a URL), replacing
   * what an earlier run pushed there, never someone else's commits.
   */
  @DataBoundSetter
  public void setPush(String push) {
    this.push = blankToNull(push);
  }

  public String getOpenPullRequest() {
    return openPullRequest;
  }

  /**
   * Opens the bump branch's pull request on {@code github}, {@code gitlab} or {@code codecommit}
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
   * Secret text credentials holding the host's token, bound as {@code GITHUB_TOKEN} (or
   * {@code GITLAB_TOKEN} for {@code openPullRequest: 'gitlab'}); without it, the build's own
   * environment ({@code withCredentials}) is used.
   */
  @DataBoundSetter
  public void setGitCredentialsId(String gitCredentialsId) {
    this.gitCredentialsId = blankToNull(gitCredentialsId);
  }

  @Override
  protected String functionName() {
    return FUNCTION;
  }

  @Override
  protected OperationFactory factory() {
    return new RegisterOperationFactory();
  }

  @Override
  protected Map<String, String> options() {
    return optionsOf(RegisterOperationFactory.TRAINING_JOB, trainingJob, RegisterOperationFactory.MODEL_ARTIFACT_URI,
        modelArtifactUri, RegisterOperationFactory.BUMP_BRANCH, bumpBranch, PullRequestOptions.PUSH, push,
        PullRequestOptions.OPEN_PULL_REQUEST, openPullRequest, PullRequestOptions.PULL_REQUEST_BASE, pullRequestBase,
        PullRequestOptions.GIT_CREDENTIALS_ID, gitCredentialsId);
  }

  /** The step as Pipeline and the Snippet Generator see it. */
  @Extension
  public static final class DescriptorImpl extends AwsStepDescriptor {
    public DescriptorImpl() {
      super(FUNCTION, "Register a model version in the SageMaker Model Registry (sagemaker-gitops)");
    }
  }
}
