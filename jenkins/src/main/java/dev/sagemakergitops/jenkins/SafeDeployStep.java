package dev.sagemakergitops.jenkins;

import hudson.Extension;
import java.util.Map;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code safeDeploy}: deploys the manifest's model package version to its endpoint with SageMaker's
 * blue/green deployment guardrails (all at once, canary, linear or rolling, with alarm rollback), then
 * verifies the endpoint serves exactly what was asked. A rollback by SageMaker fails the step. Returns
 * {@code endpointName}, {@code endpointConfigName}, {@code imageDigest}, {@code change} and the rest
 * that {@link SafeDeployOperationFactory} lists, with {@code outcome} and {@code recordPath}.
 */
public final class SafeDeployStep extends BranchPublishingStep {
  static final String FUNCTION = "safeDeploy";

  private boolean cleanUp;
  private Integer keepCommits;
  private String revertBranch;
  private boolean despiteAlarms;

  @DataBoundConstructor
  public SafeDeployStep(String manifest) {
    super(manifest);
  }

  public boolean isCleanUp() {
    return cleanUp;
  }

  /**
   * Delete the models and endpoint configs that neither the live endpoint nor the manifests of the last
   * {@code keepCommits} commits reference.
   */
  @DataBoundSetter
  public void setCleanUp(boolean cleanUp) {
    this.cleanUp = cleanUp;
  }

  public Integer getKeepCommits() {
    return keepCommits;
  }

  /**
   * How many recent commits' manifests the clean-up keeps the resources of; {@code null} (a field
   * left empty in the Snippet Generator) or 0 for the default
   * ({@value SafeDeployOperationFactory#DEFAULT_KEEP_COMMITS}). Only with {@code cleanUp}. An
   * {@code Integer}, not an {@code int}: an empty form field then binds to {@code null} instead of
   * failing to convert.
   */
  @DataBoundSetter
  public void setKeepCommits(Integer keepCommits) {
    if (keepCommits != null && keepCommits < 0) {
      throw new IllegalArgumentException("keepCommits must be 0 or more, got " + keepCommits);
    }
    this.keepCommits = keepCommits;
  }

  public String getRevertBranch() {
    return revertBranch;
  }

  /**
   * When SageMaker rolls the deployment back, write the commit that reverts the offending change on this
   * branch; with {@code push} or {@code openPullRequest}, push it and open its pull request.
   */
  @DataBoundSetter
  public void setRevertBranch(String revertBranch) {
    this.revertBranch = blankToNull(revertBranch);
  }

  public boolean isDespiteAlarms() {
    return despiteAlarms;
  }

  /**
   * Deploy even when a rollback alarm is already in ALARM. By default such a deploy is refused: SageMaker
   * would roll it back at its first bake and the rollback would blame the new model.
   */
  @DataBoundSetter
  public void setDespiteAlarms(boolean despiteAlarms) {
    this.despiteAlarms = despiteAlarms;
  }

  @Override
  protected String functionName() {
    return FUNCTION;
  }

  @Override
  protected OperationFactory factory() {
    return new SafeDeployOperationFactory();
  }

  @Override
  protected Map<String, String> options() {
    return withPublishing(optionsOf(SafeDeployOperationFactory.CLEAN_UP, cleanUp ? "true" : null,
        SafeDeployOperationFactory.KEEP_COMMITS, keepCommits == null || keepCommits == 0 ? null
            : Integer.toString(keepCommits),
        SafeDeployOperationFactory.REVERT_BRANCH, revertBranch,
        SafeDeployOperationFactory.DESPITE_ALARMS, despiteAlarms ? "true" : null));
  }

  /** The step as Pipeline and the Snippet Generator see it. */
  @Extension
  public static final class DescriptorImpl extends AwsStepDescriptor {
    public DescriptorImpl() {
      super(FUNCTION, "Deploy a model to a SageMaker endpoint with blue/green guardrails (sagemaker-gitops)");
    }
  }
}
