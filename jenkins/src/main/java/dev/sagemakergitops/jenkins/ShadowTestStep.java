package dev.sagemakergitops.jenkins;

import hudson.Extension;
import java.util.LinkedHashMap;
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
public final class ShadowTestStep extends OperationStep {
  static final String FUNCTION = "shadowTest";

  private String experimentRoleArn;
  private String dataCaptureUri;
  private String runKey;

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

  public String getRunKey() {
    return runKey;
  }

  /** Tests the same model once more, in a new experiment (for example after an inconclusive test). */
  @DataBoundSetter
  public void setRunKey(String runKey) {
    this.runKey = blankToNull(runKey);
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
  protected Map<String, String> options() {
    Map<String, String> options = new LinkedHashMap<>();
    options.put(ShadowTestOperationFactory.EXPERIMENT_ROLE_ARN, experimentRoleArn);
    options.put(ShadowTestOperationFactory.DATA_CAPTURE_URI, dataCaptureUri);
    options.put(ShadowTestOperationFactory.RUN_KEY, runKey);
    return options;
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
