package dev.sagemakergitops.jenkins;

import hudson.Extension;
import java.util.LinkedHashMap;
import java.util.Map;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code sagemakerTrain}: trains the model of a manifest's {@code spec.training} with a SageMaker
 * training job whose name derives from the resolved training spec, so a re-run attaches to the same
 * job and a finished job's artifact is reused; {@code runKey} trains the same spec again under a new
 * name. Returns {@code trainingJobName}, {@code modelArtifactUri} and the rest of the operation's
 * result.
 */
public final class SageMakerTrainStep extends OperationStep {
  static final String FUNCTION = "sagemakerTrain";

  private String runKey;

  @DataBoundConstructor
  public SageMakerTrainStep(String manifest) {
    super(manifest);
  }

  public String getRunKey() {
    return runKey;
  }

  /**
   * Trains the same spec again under a new job name (for example {@code env.BUILD_NUMBER} after a
   * capacity failure); the same key attaches to the same job. Left out, a finished job is reused.
   */
  @DataBoundSetter
  public void setRunKey(String runKey) {
    this.runKey = blankToNull(runKey);
  }

  @Override
  protected Map<String, String> options() {
    Map<String, String> options = new LinkedHashMap<>();
    options.put(TrainOperationFactory.RUN_KEY, runKey);
    return options;
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
