package dev.sagemakergitops.jenkins;

import hudson.Extension;
import java.util.Map;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code shadowTest}: runs the manifest's {@code spec.shadowTest}: an inference experiment in shadow
 * mode beside the live endpoint, then compares the shadow variant with production against the
 * manifest's criteria and promotes, retains or removes it. A failed or inconclusive test fails the
 * step. Returns {@code verdict}, {@code action}, the comparison's numbers and the rest that
 * {@link ShadowTestOperationFactory} lists.
 */
public final class ShadowTestStep extends RunKeyedOperationStep {
  static final String FUNCTION = "shadowTest";

  private String experimentRoleArn;
  private String dataCaptureUri;

  @DataBoundConstructor
  public ShadowTestStep(String manifest) {
    super(manifest);
  }

  public String getExperimentRoleArn() {
    return experimentRoleArn;
  }

  /** The role SageMaker runs the experiment with; the manifest's {@code spec.model.executionRoleArn} by default. */
  @DataBoundSetter
  public void setExperimentRoleArn(String experimentRoleArn) {
    this.experimentRoleArn = blankToNull(experimentRoleArn);
  }

  public String getDataCaptureUri() {
    return dataCaptureUri;
  }

  /** Where SageMaker stores the requests and responses of both variants ({@code s3://...}); none by default. */
  @DataBoundSetter
  public void setDataCaptureUri(String dataCaptureUri) {
    this.dataCaptureUri = blankToNull(dataCaptureUri);
  }

  @Override
  protected String functionName() {
    return FUNCTION;
  }

  @Override
  protected OperationFactory factory() {
    return new ShadowTestOperationFactory();
  }

  @Override
  protected Map<String, String> runOptions() {
    return optionsOf(ShadowTestOperationFactory.EXPERIMENT_ROLE_ARN, experimentRoleArn,
        ShadowTestOperationFactory.DATA_CAPTURE_URI, dataCaptureUri);
  }

  /** The step as Pipeline and the Snippet Generator see it. */
  @Extension
  public static final class DescriptorImpl extends AwsStepDescriptor {
    public DescriptorImpl() {
      super(FUNCTION, "Shadow-test a model beside a live SageMaker endpoint (sagemaker-gitops)");
    }
  }
}
