package dev.sagemakergitops.jenkins;

import hudson.Extension;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * {@code sagemakerTrain}: trains the model of a manifest's {@code spec.training} with a SageMaker
 * training job whose name derives from the resolved training spec, so a re-run attaches to the same
 * job. Returns {@code trainingJobName}, {@code modelArtifactUri} and the rest of the operation's
 * result.
 */
public final class SageMakerTrainStep extends OperationStep {
  static final String FUNCTION = "sagemakerTrain";

  @DataBoundConstructor
  public SageMakerTrainStep(String manifest) {
    super(manifest);
  }

  @Override
  protected String functionName() {
    return FUNCTION;
  }

  @Override
  protected OperationFactory factory() {
    return new TrainOperationFactory();
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
      return "Train a model on Amazon SageMaker (sagemaker-gitops)";
    }
  }
}
