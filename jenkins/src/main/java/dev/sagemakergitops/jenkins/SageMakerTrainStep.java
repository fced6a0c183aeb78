package dev.sagemakergitops.jenkins;

import hudson.Extension;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * {@code sagemakerTrain}: trains the model of a manifest's {@code spec.training} with a SageMaker
 * training job whose name derives from the resolved training spec, so a re-run attaches to the same
 * job and a finished job's artifact is reused; {@code runKey} trains the same spec again under a new
 * name. Returns {@code trainingJobName}, {@code modelArtifactUri} and the rest of the operation's
 * result.
 */
public final class SageMakerTrainStep extends RunKeyedOperationStep {
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
    public DescriptorImpl() {
      super(FUNCTION, "Train a model on Amazon SageMaker (sagemaker-gitops)");
    }
  }
}
