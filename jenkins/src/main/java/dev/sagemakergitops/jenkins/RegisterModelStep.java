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
public final class RegisterModelStep extends BranchPublishingStep {
  static final String FUNCTION = "registerModel";

  private String trainingJob;
  private String modelArtifactUri;
  private String bumpBranch;

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
    return withPublishing(optionsOf(RegisterOperationFactory.TRAINING_JOB, trainingJob,
        RegisterOperationFactory.MODEL_ARTIFACT_URI, modelArtifactUri, RegisterOperationFactory.BUMP_BRANCH, bumpBranch));
  }

  /** The step as Pipeline and the Snippet Generator see it. */
  @Extension
  public static final class DescriptorImpl extends AwsStepDescriptor {
    public DescriptorImpl() {
      super(FUNCTION, "Register a model version in the SageMaker Model Registry (sagemaker-gitops)");
    }
  }
}
