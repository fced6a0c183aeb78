package dev.sagemakergitops.jenkins;

import hudson.Extension;
import java.util.Map;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code batchTransform}: runs one of the manifest's {@code spec.batchTransforms} as a SageMaker
 * transform job with a deterministic name, waits for it and returns {@code transformJobName},
 * {@code outputUri} and the rest that {@link BatchTransformOperationFactory} lists.
 */
public final class BatchTransformStep extends RunKeyedOperationStep {
  static final String FUNCTION = "batchTransform";

  private String transform;

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

  @Override
  protected String functionName() {
    return FUNCTION;
  }

  @Override
  protected OperationFactory factory() {
    return new BatchTransformOperationFactory();
  }

  @Override
  protected Map<String, String> runOptions() {
    return optionsOf(BatchTransformOperationFactory.TRANSFORM, transform);
  }

  /** The step as Pipeline and the Snippet Generator see it. */
  @Extension
  public static final class DescriptorImpl extends AwsStepDescriptor {
    public DescriptorImpl() {
      super(FUNCTION, "Run a SageMaker batch transform job (sagemaker-gitops)");
    }
  }
}
