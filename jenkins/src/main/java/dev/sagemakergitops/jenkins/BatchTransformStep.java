package dev.sagemakergitops.jenkins;

import hudson.Extension;
import java.util.LinkedHashMap;
import java.util.Map;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code batchTransform}: runs one of the manifest's {@code spec.batchTransforms} as a SageMaker
 * transform job with a deterministic name, waits for it and returns {@code transformJobName},
 * {@code outputUri} and the rest that {@link BatchTransformOperationFactory} lists.
 */
public final class BatchTransformStep extends OperationStep {
  static final String FUNCTION = "batchTransform";

  private String transform;
  private String runKey;

  @DataBoundConstructor
  public BatchTransformStep(String manifest) {
    super(manifest);
  }

  public String getTransform() {
    return transform;
  }

  /** Which of the manifest's {@code spec.batchTransforms} to run; may be left out when there is one. */
  @DataBoundSetter
  public void setTransform(String transform) {
    this.transform = blankToNull(transform);
  }

  public String getRunKey() {
    return runKey;
  }

  /**
   * What tells two runs of the same transform apart (for example a date); the same key attaches to the
   * same job.
   */
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
    return new BatchTransformOperationFactory();
  }

  @Override
  protected Map<String, String> options() {
    Map<String, String> options = new LinkedHashMap<>();
    options.put(BatchTransformOperationFactory.TRANSFORM, transform);
    options.put(BatchTransformOperationFactory.RUN_KEY, runKey);
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
      return "Run a SageMaker batch transform job (sagemaker-gitops)";
    }
  }
}
