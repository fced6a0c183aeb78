package dev.sagemakergitops.jenkins;

import hudson.Extension;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * {@code shadowTest}: runs the manifest's {@code spec.shadowTest}: an inference experiment in shadow
 * mode beside the live endpoint, then compares the shadow variant with production against the
 * manifest's criteria and promotes, retains or removes it. Returns {@code outcome} and the report's
 * numbers.
 */
public final class ShadowTestStep extends OperationStep {
  static final String FUNCTION = "shadowTest";

  @DataBoundConstructor
  public ShadowTestStep(String manifest) {
    super(manifest);
  }

  @Override
  protected String functionName() {
    return FUNCTION;
  }

  @Override
  protected OperationFactory factory() {
    return new ShadowTestOperationFactory();
  }

  /** The step as Pipeline and the Snippet Generator see it. */
  @Extension
  public static final class DescriptorImpl extends AwsStepDescriptor {
    @Override
    public String getFunctionName() {
      return FUNCTION;
    }

    @Override
    public String getDisplayName() {
      return "Shadow-test a model beside a live SageMaker endpoint (sagemaker-gitops)";
    }
  }
}
